import type { ServerResponse } from "node:http";
import type { SimulatorContext } from "./context";
import { sendJson } from "./http";
import { isAwaitingCustomer } from "./lifecycle";
import { SCENARIOS } from "./scenarios";
import type { PushRecord } from "./types";

/**
 * The simulator's own endpoints under /__sim, for tests and people; Daraja has nothing like them.
 * They show full phone numbers: these are test numbers on a local fake.
 */
export function pushView(push: PushRecord) {
  // The Password is a passkey in base64: nobody inspecting pushes needs it.
  const { password: _password, ...request } = push.request;
  return {
    checkoutRequestId: push.checkoutRequestId,
    merchantRequestId: push.merchantRequestId,
    scenario: push.scenario,
    createdAt: push.createdAt.toISOString(),
    status: push.result ? "completed" : isAwaitingCustomer(push) ? "awaiting-customer" : "processing",
    request,
    consumerKey: push.consumerKey,
    plan: push.plan,
    result: push.result && { ...push.result, at: push.result.at.toISOString() },
    callbackBody: push.callbackBody,
    callbacks: push.callbacks.map((c) => ({ ...c, at: c.at.toISOString() })),
    queries: push.queries.map((q) => ({ ...q, at: q.at.toISOString() })),
    warnings: push.warnings,
  };
}

export type PushView = ReturnType<typeof pushView>;

// GET /__sim/pushes[?phone=…&checkoutRequestId=…] – accepted pushes (oldest first) and refused ones
export function handleListPushes(ctx: SimulatorContext, res: ServerResponse, url: URL): void {
  const phone = url.searchParams.get("phone");
  const id = url.searchParams.get("checkoutRequestId");
  const pushes = ctx.store
    .all()
    .filter((p) => (phone === null || p.request.phoneNumber === phone) && (id === null || p.checkoutRequestId === id))
    .map(pushView);
  const refused = ctx.store
    .refused()
    .filter((r) => phone === null || r.phone === phone)
    .map((r) => ({ ...r, at: r.at.toISOString() }));
  sendJson(res, 200, { pushes, refused });
}

// GET /__sim/tokens – which app (consumer key) got each access token, oldest first
export function handleListTokens(ctx: SimulatorContext, res: ServerResponse): void {
  sendJson(res, 200, { tokens: ctx.tokens.issued().map((t) => ({ consumerKey: t.consumerKey, at: t.at.toISOString() })) });
}

// POST /__sim/reset – forget every push, transaction and registration, stop pending callbacks; issued tokens stay valid
export async function handleReset(ctx: SimulatorContext, res: ServerResponse): Promise<void> {
  await ctx.scheduler.cancelAll();
  ctx.store.clear();
  ctx.ledger.clear();
  sendJson(res, 200, { ok: true });
}

// GET /__sim/scenarios – the test phone numbers and what they do
export function handleScenarios(res: ServerResponse): void {
  sendJson(res, 200, { scenarios: SCENARIOS });
}
