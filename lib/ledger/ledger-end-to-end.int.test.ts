import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { processCallbackJob } from "@/lib/callbacks/process-callback-job";
import { SANDBOX_SHORTCODE } from "@/lib/env";
import { matchLedgerLines } from "@/lib/ledger/match-ledger-lines";
import { expirePayment } from "@/lib/payments/expire-payment";
import { registerAccountPull } from "@/lib/ledger/pull/register-account-pull";
import { runLedgerPull } from "@/lib/ledger/pull/run-ledger-pull";
import { scenarioPhone } from "@/lib/rails/daraja/simulator/scenarios";
import { recheckPayment } from "@/lib/reconcile/recheck-payment";
import { receiveStatementUpload, STATEMENT_UPLOAD_HEADER } from "@/lib/statements/receive-statement-upload";
import { eventually, startGateway, type Gateway, type TestStorefront } from "@/lib/testing/gateway";

/**
 * The ledger's two healing paths each in one piece, over HTTP against the simulator and real
 * PostgreSQL, with no line written by the test itself: a payment settled by a status query
 * without its receipt gets it from the worker's Pull Transactions window (the simulator's list),
 * the lost-paid payment (callback lost, expired) is healed by the next window, and the simulator's own statement download, with one amount changed as a forged or mistyped
 * file would have it, sends the paid payment to review. The business clock is injected (the
 * simulator's and the pull's).
 */
const silent = pino({ level: "silent" });
const T0 = new Date("2026-10-01T07:00:00Z"); // 10:00 EAT
const admin = { id: null, email: "admin@ledger-e2e.test" };
const adminUserId = "usr_admin0000000000000000";

describe("the ledger end to end", () => {
  let gw: Gateway;
  let shop: TestStorefront;
  let clock = T0;
  const create = async (scenario: string, reference: string, amount = 100) => {
    const res = await gw.api(shop.keys.TEST, "POST", "/api/v1/payments", { body: { amount, phone: scenarioPhone(scenario), reference } });
    expect(res.status).toBe(201);
    return String(res.body.id);
  };
  const payment = (id: string) => gw.db.payment.findUniqueOrThrow({ where: { id } });
  const match = () => matchLedgerLines(gw.db, { now: () => clock });

  beforeAll(async () => {
    gw = await startGateway({ jobs: [processCallbackJob], simulator: { now: () => clock } });
    shop = await gw.createStorefront("Ledger end-to-end shop");
  });
  afterAll(async () => {
    await gw?.close();
  });

  it("gives a payment settled by a status query its receipt from the next Pull Transactions window", async () => {
    const id = await create("no-callback", "E2E-PULL-1");
    const settled = await eventually(async () => {
      const result = await recheckPayment(gw.db, { paymentId: id, actorUserId: adminUserId, reason: "customer says they paid" });
      return result.answer === "final" && result.payment;
    }, 20_000);
    expect(settled).toMatchObject({ status: "SUCCEEDED", mpesaReceipt: null, receiptMissing: true });

    const accountId = (await payment(id)).collectionAccountId!;
    await registerAccountPull(gw.db, gw.env, { accountId, actor: admin, reason: "Pull set-up", nominatedNumber: "254708374149" });
    clock = new Date(T0.getTime() + 5 * 60_000);
    expect(await runLedgerPull(gw.db, { env: gw.env, now: () => clock, logger: silent })).toMatchObject({ complete: 1, failed: 0 });
    expect(await match()).toMatchObject({ FILLED: 1 });

    const filled = await payment(id);
    expect(filled).toMatchObject({ status: "SUCCEEDED", receiptMissing: false });
    expect(filled.mpesaReceipt).toMatch(/^[A-Z0-9]{10}$/);
    expect(await gw.db.ledgerLine.findFirstOrThrow({ where: { receipt: filled.mpesaReceipt! } })).toMatchObject({ sources: ["pull"], matchStatus: "FILLED", paymentId: id });
    // The storefront hears of the receipt (the query's success was told before).
    expect((await gw.db.webhookEvent.findMany({ where: { paymentId: id } })).map((w) => w.type).sort()).toEqual(["payment.succeeded", "payment.updated"]);
  });

  it("heals the lost-paid payment (callback lost, expired with no answer from Daraja) from the next window: succeeded, late, with its receipt", async () => {
    const id = await create("no-callback", "E2E-LOST-1");
    await eventually(() => gw.sim.transactions().find((t) => t.billRef === "E2E-LOST-1"));
    await expirePayment(gw.db, { paymentId: id, actorUserId: adminUserId, reason: "Daraja did not answer at the deadline" });
    expect(await payment(id)).toMatchObject({ status: "EXPIRED", mpesaReceipt: null });

    clock = new Date(clock.getTime() + 20 * 60_000);
    expect(await runLedgerPull(gw.db, { env: gw.env, now: () => clock, logger: silent })).toMatchObject({ complete: 1, failed: 0 });
    expect(await match()).toMatchObject({ HEALED: 1 });
    const healed = await payment(id);
    expect(healed).toMatchObject({ status: "SUCCEEDED", late: true, receiptMissing: false });
    expect(await gw.db.ledgerLine.findFirstOrThrow({ where: { receipt: healed.mpesaReceipt! } })).toMatchObject({ matchStatus: "HEALED", paymentId: id, sources: ["pull"] });
    expect((await gw.db.webhookEvent.findMany({ where: { paymentId: id } })).map((w) => w.type).sort()).toEqual(["payment.expired", "payment.succeeded"]);
  });

  it("sends a paid payment to review when the uploaded statement lists its receipt with another amount", async () => {
    const id = await create("success", "E2E-STMT-1", 700);
    const paid = await eventually(async () => (await payment(id)).mpesaReceipt !== null && payment(id));
    expect(await gw.db.ledgerLine.findFirstOrThrow({ where: { receipt: paid.mpesaReceipt! } })).toMatchObject({ matchStatus: "MATCHED", sources: ["stk_callback"] });

    const csv = await (await fetch(`${gw.sim.url}/__sim/statement.csv?from=2026-10-01&to=2026-10-01&shortcode=${SANDBOX_SHORTCODE}`)).text();
    const forged = withPaidIn(csv, paid.mpesaReceipt!, "7000.00");
    expect(forged).not.toBe(csv);
    const request = new Request("http://localhost/api/statements", { method: "POST", body: forged, headers: { [STATEMENT_UPLOAD_HEADER]: "statement" } });
    const { status, report } = await receiveStatementUpload(gw.db, gw.env, {
      request, accountId: paid.collectionAccountId!, fileName: "ORG_174379_Utility Account_Completed.csv", actor: admin, ip: "127.0.0.1", now: clock,
    });
    expect(status).toBe(201);
    expect(report).toMatchObject({ outcome: "imported", counts: { disagreements: 1, rejected: 0 } });

    await match();
    const reviewed = await payment(id);
    expect(reviewed.status).toBe("REVIEW");
    expect(await gw.db.ledgerLine.findFirstOrThrow({ where: { receipt: paid.mpesaReceipt! } })).toMatchObject({
      matchStatus: "MISMATCHED", sources: ["stk_callback", "statement"], disagreement: expect.stringContaining("statement gives amount 700000"),
    });
  });
});

/** The statement with one receipt's Paid In column replaced (fields are plain: the simulator quotes none of these rows' first six). */
function withPaidIn(csv: string, receipt: string, paidIn: string): string {
  return csv.split("\r\n").map((line) => {
    if (!line.startsWith(`${receipt},`)) return line;
    const fields = line.split(",");
    fields[5] = paidIn;
    return fields.join(",");
  }).join("\r\n");
}
