import type { ServerResponse } from "node:http";
import { sendJson } from "@/lib/rails/daraja/simulator/http";
import type { SimulatorContext } from "./context";
import { abandonAll, isAwaitingCustomer } from "./lifecycle";
import { SCENARIOS } from "./scenarios";
import type { TransactionRecord } from "./types";

/**
 * The simulator's own endpoints under /__sim, for tests and people; Vodacom has nothing like them.
 * They show full phone numbers (test numbers on a local fake) but never session ids.
 */
export function transactionView(ctx: SimulatorContext, record: TransactionRecord) {
  return {
    ...record,
    awaitingCustomer: isAwaitingCustomer(ctx, record),
    createdAt: record.createdAt.toISOString(),
    settledAt: record.settledAt?.toISOString() ?? null,
    deliveries: record.deliveries.map((d) => ({ ...d, at: d.at.toISOString() })),
    queries: record.queries.map((q) => ({ ...q, at: q.at.toISOString() })),
  };
}

export type TransactionView = ReturnType<typeof transactionView>;

// GET /__sim/transactions[?msisdn=&thirdPartyConversationId=] – payments and reversals (oldest first) and refused requests
export function handleListTransactions(ctx: SimulatorContext, res: ServerResponse, url: URL): void {
  const msisdn = url.searchParams.get("msisdn");
  const ours = url.searchParams.get("thirdPartyConversationId");
  const transactions = ctx.store.all()
    .filter((r) => (msisdn === null || r.msisdn === msisdn) && (ours === null || r.thirdPartyConversationId === ours))
    .map((r) => transactionView(ctx, r));
  const refused = ctx.store.refused()
    .filter((r) => (msisdn === null || r.msisdn === msisdn) && (ours === null || r.thirdPartyConversationId === ours))
    .map((r) => ({ ...r, at: r.at.toISOString() }));
  sendJson(res, 200, { transactions, refused });
}

// GET /__sim/public-key – the key clients encrypt the API key and session ids with
export function handlePublicKey(ctx: SimulatorContext, res: ServerResponse): void {
  sendJson(res, 200, { publicKey: ctx.keys.publicKeyBase64, modulusLength: ctx.keys.modulusLength });
}

// GET /__sim/sessions – how many sessions were issued, and when each lives and expires
export function handleListSessions(ctx: SimulatorContext, res: ServerResponse): void {
  const at = ctx.now().getTime();
  const sessions = ctx.sessions.list().map((s) => ({
    createdAt: s.createdAt.toISOString(), liveAt: s.liveAt.toISOString(), expiresAt: s.expiresAt.toISOString(), expired: s.expiresAt.getTime() <= at,
  }));
  sendJson(res, 200, { issued: ctx.sessions.issued(), sessions });
}

// POST /__sim/sessions/expire – every session ends now, as if its lifetime were over
export function handleExpireSessions(ctx: SimulatorContext, res: ServerResponse): void {
  sendJson(res, 200, { expired: ctx.sessions.expireAll() });
}

// POST /__sim/reset – forget every transaction and stop pending work; sessions stay valid
export async function handleReset(ctx: SimulatorContext, res: ServerResponse): Promise<void> {
  await resetSimulator(ctx);
  sendJson(res, 200, { ok: true });
}

export async function resetSimulator(ctx: SimulatorContext): Promise<void> {
  abandonAll(ctx);
  await ctx.scheduler.cancelAll();
  ctx.store.clear();
}

// GET /__sim/scenarios – the test numbers and what they do
export function handleScenarios(res: ServerResponse): void {
  sendJson(res, 200, { scenarios: SCENARIOS });
}
