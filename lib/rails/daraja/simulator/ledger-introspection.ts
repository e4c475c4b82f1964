import type { ServerResponse } from "node:http";
import type { SimulatorContext } from "./context";
import { sendJson } from "./http";
import type { InitiatorRequestRecord, SimTransaction } from "./ledger-types";
import { REFUND_SCENARIOS } from "./refund-scenarios";

/** The ledger side's /__sim endpoints: what the simulated M-Pesa holds and what it sent. Full numbers: test data. */
export function transactionView(t: SimTransaction) {
  return { ...t, initiatedAt: t.initiatedAt.toISOString(), completedAt: t.completedAt.toISOString() };
}

export function requestView(r: InitiatorRequestRecord) {
  const at = <T extends { at: Date }>(d: T) => ({ ...d, at: d.at.toISOString() });
  return { ...r, receivedAt: r.receivedAt.toISOString(), results: r.results.map(at), queueTimeouts: r.queueTimeouts.map(at) };
}

// GET /__sim/transactions[?shortcode=&kind=] – the simulated Utility accounts' transactions, oldest first
export function handleListTransactions(ctx: SimulatorContext, res: ServerResponse, url: URL): void {
  const shortcode = url.searchParams.get("shortcode");
  const kind = url.searchParams.get("kind");
  const list = ctx.ledger.transactions.all().filter((t) => (shortcode === null || t.shortcode === shortcode) && (kind === null || t.kind === kind));
  sendJson(res, 200, { transactions: list.map(transactionView) });
}

// GET /__sim/requests[?kind=] – Transaction Status, Reversal and B2C requests with their outcome and deliveries
export function handleListRequests(ctx: SimulatorContext, res: ServerResponse, url: URL): void {
  const kind = url.searchParams.get("kind");
  sendJson(res, 200, { requests: ctx.ledger.requests.filter((r) => kind === null || r.kind === kind).map(requestView), lockedInitiators: ctx.ledger.initiators.locked() });
}

// GET /__sim/certificate – the certificate to encrypt initiator passwords with (the simulator's own)
export function handleCertificate(ctx: SimulatorContext, res: ServerResponse): void {
  const pem = `${ctx.ledger.keys.certificatePem}\n`;
  res.writeHead(200, { "Content-Type": "application/x-pem-file", "Content-Length": Buffer.byteLength(pem) });
  res.end(pem);
}

// GET /__sim/refund-scenarios – the reversal and B2C test numbers
export function handleRefundScenarios(res: ServerResponse): void {
  sendJson(res, 200, { scenarios: REFUND_SCENARIOS });
}
