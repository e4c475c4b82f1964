import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { processC2bJob } from "@/lib/c2b/process-c2b-job";
import { registerAccountC2b } from "@/lib/c2b/register-account-c2b";
import { attachUnattachedReceipt } from "@/lib/c2b/resolve-unattached-receipt";
import { processCallbackJob } from "@/lib/callbacks/process-callback-job";
import { SANDBOX_SHORTCODE } from "@/lib/env";
import { matchLedgerJob } from "@/lib/ledger/match-ledger-job";
import { recordLedgerLine } from "@/lib/ledger/record-ledger-line";
import { expirePayment } from "@/lib/payments/expire-payment";
import { ledgerLineFromPull } from "@/lib/rails/daraja/ledger-line";
import { scenarioPhone } from "@/lib/rails/daraja/simulator/scenarios";
import { eventually, startGateway, type Gateway, type TestStorefront } from "@/lib/testing/gateway";

/**
 * The ledger.match job as the worker runs it: nudged by a sighting that needs matching (a C2B
 * confirmation that paid nothing), and on its schedule for lines a source recorded without a nudge.
 */
describe("the ledger.match job", () => {
  let gw: Gateway;
  let shop: TestStorefront;
  let accountId: string;

  const create = async (scenario: string, reference: string, amount = 100) => {
    const res = await gw.api(shop.keys.TEST, "POST", "/api/v1/payments", { body: { amount, phone: scenarioPhone(scenario), reference } });
    expect(res.status).toBe(201);
    return gw.db.payment.findUniqueOrThrow({ where: { id: String(res.body.id) } });
  };
  const settledLine = (receipt: string) => eventually(async () => {
    const line = await gw.db.ledgerLine.findFirst({ where: { receipt } });
    return line && line.matchStatus !== "PENDING" && line;
  }, 20_000);

  beforeAll(async () => {
    gw = await startGateway({ jobs: [processCallbackJob, processC2bJob, matchLedgerJob] });
    shop = await gw.createStorefront("Ledger job shop");
    accountId = (await create("pending-forever", "JOB-SETUP")).collectionAccountId!;
  });
  afterAll(async () => {
    await gw?.close();
  });

  it("heals a lost-paid payment from a line recorded without a nudge, on its schedule", async () => {
    const lost = await create("no-callback", "JOB-LOST-1");
    await expirePayment(gw.db, { paymentId: lost.id, actorUserId: "usr_admin0000000000000000", reason: "no answer at the deadline" });
    const line = ledgerLineFromPull({
      receipt: "UKTJOB0001", completedAt: new Date("2026-12-01T07:15:00Z"), trxDate: "2026-12-01T07:15:00Z", msisdn: null, payerName: null,
      transactionType: "c2b-pay-bill-debit", direction: "in", billReference: "JOB-LOST-1", amountMinor: 10_000, organizationName: null,
    }, SANDBOX_SHORTCODE);
    await gw.db.$transaction((tx) => recordLedgerLine(tx, { collectionAccountId: accountId, mode: "TEST", currency: "KES", line }, new Date("2026-12-01T07:20:00Z")));
    expect(await settledLine("UKTJOB0001")).toMatchObject({ matchStatus: "HEALED", paymentId: lost.id });
    expect(await gw.db.payment.findUniqueOrThrow({ where: { id: lost.id } })).toMatchObject({ status: "SUCCEEDED", late: true, mpesaReceipt: "UKTJOB0001" });
  });

  it("is nudged by a C2B confirmation that paid nothing, and leaves its line UNATTACHED with the reason", async () => {
    await registerAccountC2b(gw.db, gw.env, { accountId, actor: { id: null, email: "admin@example.test" }, reason: "C2B set-up" });
    const res = await fetch(`${gw.sim.url}/__sim/c2b/pay`, { method: "POST", body: JSON.stringify({ shortcode: SANDBOX_SHORTCODE, amount: 700, billRefNumber: "NO-SUCH-ORDER", msisdn: "254712345126" }) });
    expect(res.status).toBe(200);
    const { receipt } = (await res.json()) as { receipt: string };
    const line = await settledLine(receipt);
    expect(line).toMatchObject({ matchStatus: "UNATTACHED", paymentId: null, sources: ["c2b_confirmation"], accountReference: "NO-SUCH-ORDER", matchNote: expect.stringContaining('reference "NO-SUCH-ORDER"') });
    expect(await gw.db.unattachedReceipt.count({ where: { receipt, status: "UNATTACHED" } })).toBe(1);

    // Finance attaches it to the order it was for: the line is matched again, to that payment.
    const order = await create("pending-forever", "ORDER-77", 700);
    const kept = await gw.db.unattachedReceipt.findFirstOrThrow({ where: { receipt } });
    await attachUnattachedReceipt(gw.db, { receiptId: kept.id, paymentId: order.id, actor: { id: "usr_finance000000000000000", email: "finance@example.test" }, reason: "customer typed the wrong order number" });
    const rematched = await eventually(async () => {
      const l = await gw.db.ledgerLine.findFirstOrThrow({ where: { receipt } });
      return l.matchStatus === "MATCHED" && l;
    }, 20_000);
    expect(rematched).toMatchObject({ paymentId: order.id, matchNote: `Payment ${order.id} already holds receipt ${receipt}` });
  });
});
