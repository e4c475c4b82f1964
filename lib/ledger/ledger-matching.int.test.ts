import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { processC2bJob } from "@/lib/c2b/process-c2b-job";
import { registerAccountC2b } from "@/lib/c2b/register-account-c2b";
import { processCallbackJob } from "@/lib/callbacks/process-callback-job";
import { SANDBOX_SHORTCODE } from "@/lib/env";
import { checkLedgerMissing } from "@/lib/ledger/check-ledger-missing";
import { matchLedgerLines } from "@/lib/ledger/match-ledger-lines";
import { recordLedgerLine } from "@/lib/ledger/record-ledger-line";
import { expirePayment } from "@/lib/payments/expire-payment";
import { findPayments } from "@/lib/payments/find-payments";
import { ledgerLineFromPull, type LedgerSource } from "@/lib/rails/daraja/ledger-line";
import { readMsisdn } from "@/lib/rails/daraja/msisdn-evidence";
import { scenarioPhone } from "@/lib/rails/daraja/simulator/scenarios";
import { recheckPayment } from "@/lib/reconcile/recheck-payment";
import { eventually, startGateway, type Gateway, type TestStorefront } from "@/lib/testing/gateway";

/**
 * The ledger fed by callbacks and C2B confirmations, matched and healing, end to end: payments made
 * over the storefront API against the simulator, callbacks and confirmations over HTTP into the
 * worker, and Pull Transactions lines recorded as the pull records them (recordLedgerLine) from
 * what the simulated M-Pesa holds. Matching runs are called directly, so each test sees their effect.
 */

interface SimTransaction { receipt: string; amount: number; msisdn: string; billRef: string | null; completedAt: string }
const admin = "usr_admin0000000000000000";

describe("ledger matching and healing", () => {
  let gw: Gateway;
  let shop: TestStorefront;

  const create = async (scenario: string, reference: string, amount = 100) => {
    const res = await gw.api(shop.keys.TEST, "POST", "/api/v1/payments", { body: { amount, phone: scenarioPhone(scenario), reference } });
    expect(res.status).toBe(201);
    return String(res.body.id);
  };
  const payment = (id: string) => gw.db.payment.findUniqueOrThrow({ where: { id } });
  const timeline = async (id: string) => (await gw.db.paymentEvent.findMany({ where: { paymentId: id }, orderBy: { id: "asc" } })).map((e) => `${e.type}:${e.source}`);
  const webhookTypes = async (id: string) => (await gw.db.webhookEvent.findMany({ where: { paymentId: id }, orderBy: { createdAt: "asc" } })).map((w) => w.type);
  /** The money as the simulated M-Pesa holds it (what Pull Transactions and the statement list). */
  const paidInSim = (reference: string) => eventually(async () => {
    const res = await fetch(`${gw.sim.url}/__sim/transactions?kind=stk`);
    const { transactions } = (await res.json()) as { transactions: SimTransaction[] };
    return transactions.find((t) => t.billRef === reference);
  });
  /** Records the transaction's line as the pull does: the number without its 254, the amount in cents. */
  const recordPullLine = async (accountId: string, t: SimTransaction, amountMinor = t.amount * 100, source: LedgerSource = "pull") => {
    const pulled = ledgerLineFromPull({
      receipt: t.receipt, completedAt: new Date(t.completedAt), trxDate: t.completedAt, msisdn: readMsisdn(Number(t.msisdn.slice(3))), payerName: "JANE",
      transactionType: "c2b-pay-bill-debit", direction: "in", billReference: t.billRef, amountMinor, organizationName: "Malipo test",
    }, SANDBOX_SHORTCODE);
    const line = { ...pulled, source };
    return gw.db.$transaction((tx) => recordLedgerLine(tx, { collectionAccountId: accountId, mode: "TEST", currency: "KES", line }, new Date(t.completedAt)));
  };
  const lineOf = (receipt: string) => gw.db.ledgerLine.findFirstOrThrow({ where: { receipt } });
  /** A payment the customer paid whose callback is lost, settled by the admin's status query: succeeded, no receipt. */
  const settledByQuery = async (reference: string) => {
    const id = await create("no-callback", reference);
    const answered = await eventually(async () => {
      const result = await recheckPayment(gw.db, { paymentId: id, actorUserId: admin, reason: "customer says they paid" });
      return result.answer === "final" && result;
    }, 20_000);
    expect(answered.payment).toMatchObject({ status: "SUCCEEDED", receiptMissing: true, mpesaReceipt: null });
    return answered.payment;
  };

  beforeAll(async () => {
    gw = await startGateway({ jobs: [processCallbackJob, processC2bJob] });
    shop = await gw.createStorefront("Ledger shop");
  });
  afterAll(async () => {
    await gw?.close();
  });

  it("records a successful callback's line MATCHED in the transaction that applies it", async () => {
    const id = await create("success", "LED-STK-1");
    const paid = await eventually(async () => (await payment(id)).mpesaReceipt !== null && payment(id));
    const line = await lineOf(paid.mpesaReceipt!);
    expect(line).toMatchObject({
      paymentId: id, collectionAccountId: paid.collectionAccountId, sources: ["stk_callback"], matchStatus: "MATCHED", amountMinor: 10_000,
      accountReference: "LED-STK-1", shortcode: SANDBOX_SHORTCODE, direction: "IN", matchNote: expect.stringContaining("STK callback"),
    });
  });

  it("heals the lost-paid payment (callback lost, expired) from the ledger: succeeded, late, with its receipt", async () => {
    const id = await create("no-callback", "LED-LOST-1");
    const t = await paidInSim("LED-LOST-1");
    await expirePayment(gw.db, { paymentId: id, actorUserId: admin, reason: "Daraja did not answer at the deadline" });
    const recorded = await recordPullLine((await payment(id)).collectionAccountId!, t);
    expect(recorded).toMatchObject({ created: true, matchStatus: "PENDING" });

    expect(await matchLedgerLines(gw.db)).toMatchObject({ HEALED: 1 });
    expect(await payment(id)).toMatchObject({ status: "SUCCEEDED", late: true, mpesaReceipt: t.receipt, receiptMissing: false, mpesaAmount: 100 });
    expect(await lineOf(t.receipt)).toMatchObject({ matchStatus: "HEALED", paymentId: id, matchedAt: expect.any(Date), matchNote: expect.stringContaining("had expired") });
    expect((await timeline(id)).slice(-1)).toEqual(["succeed:ledger"]);
    expect(await webhookTypes(id)).toEqual(["payment.expired", "payment.succeeded"]);
  });

  it("fills in the receipt of a payment settled by query from the pull's line, with payment.updated", async () => {
    const settled = await settledByQuery("LED-FILL-1");
    const t = await paidInSim("LED-FILL-1");
    await recordPullLine(settled.collectionAccountId!, t);

    expect(await matchLedgerLines(gw.db)).toMatchObject({ FILLED: 1 });
    expect(await payment(settled.id)).toMatchObject({ status: "SUCCEEDED", mpesaReceipt: t.receipt, receiptMissing: false });
    expect(await lineOf(t.receipt)).toMatchObject({ matchStatus: "FILLED", paymentId: settled.id, sources: ["pull"] });
    expect((await timeline(settled.id)).slice(-1)).toEqual(["receipt_filled:ledger"]);
    expect(await webhookTypes(settled.id)).toEqual(["payment.succeeded", "payment.updated"]);
  });

  it("sends a payment to review when a line gives another amount for its receipt", async () => {
    const id = await create("success", "LED-AMT-1");
    const paid = await eventually(async () => (await payment(id)).mpesaReceipt !== null && payment(id));
    const t = await paidInSim("LED-AMT-1");
    const recorded = await recordPullLine(paid.collectionAccountId!, t, 9_000);
    expect(recorded).toMatchObject({ matchStatus: "PENDING", disagreement: expect.stringContaining("pull gives amount 9000") });

    expect(await matchLedgerLines(gw.db)).toMatchObject({ MISMATCHED: 1 });
    expect(await payment(id)).toMatchObject({ status: "REVIEW", mpesaReceipt: t.receipt, reviewReason: expect.stringContaining("disagree") });
    expect(await lineOf(t.receipt)).toMatchObject({ matchStatus: "MISMATCHED", matchNote: expect.stringContaining("Sent payment") });
    expect((await timeline(id)).slice(-1)).toEqual(["review:ledger"]);
    expect(await webhookTypes(id)).toEqual(["payment.succeeded", "payment.review"]);
  });

  it("never makes a payment paid from an uploaded statement alone: it goes to review for a person", async () => {
    // Paid, its callback lost, nobody has asked yet: PENDING. Only a statement (a file finance uploads) lists it.
    const id = await create("no-callback", "LED-STMT-1");
    const t = await paidInSim("LED-STMT-1");
    await recordPullLine((await payment(id)).collectionAccountId!, t, t.amount * 100, "statement");
    expect(await matchLedgerLines(gw.db)).toMatchObject({ MISMATCHED: 1 });
    expect(await payment(id)).toMatchObject({ status: "REVIEW", reviewReason: expect.stringContaining("only an uploaded statement lists receipt") });
    expect(await webhookTypes(id)).toEqual(["payment.review"]);
  });

  it("flags a succeeded payment inside coverage with no line, and unflags it when the line arrives", async () => {
    const settled = await settledByQuery("LED-MISS-1");
    const done = settled.completedAt!;
    const hours = (n: number) => new Date(done.getTime() + n * 3600_000);
    // Not yet: nothing read its time (no coverage), then too soon after it succeeded.
    expect(await checkLedgerMissing(gw.db, { now: hours(25), missingAfterHours: 24 })).toEqual({ flagged: 0, cleared: 0 });
    await gw.db.ledgerCoverage.create({ data: { collectionAccountId: settled.collectionAccountId!, source: "pull", fromTime: hours(-1), toTime: hours(1), reference: "window-1", createdAt: hours(2) } });
    expect(await checkLedgerMissing(gw.db, { now: hours(23), missingAfterHours: 24 })).toEqual({ flagged: 0, cleared: 0 });

    expect(await checkLedgerMissing(gw.db, { now: hours(25), missingAfterHours: 24 })).toEqual({ flagged: 1, cleared: 0 });
    expect(await payment(settled.id)).toMatchObject({ ledgerMissingAt: hours(25) });
    expect((await timeline(settled.id)).slice(-1)).toEqual(["ledger_missing:ledger"]);
    const search = { q: "", status: [], flags: ["ledger_missing" as const], sort: "created_at" as const, dir: "desc" as const, page: 1, pageSize: 25 };
    expect((await findPayments(gw.db, { search, mode: "test" })).data.map((r) => r.id)).toEqual([settled.id]);
    expect(await checkLedgerMissing(gw.db, { now: hours(26), missingAfterHours: 24 })).toEqual({ flagged: 0, cleared: 0 });

    const t = await paidInSim("LED-MISS-1");
    await recordPullLine(settled.collectionAccountId!, t);
    expect(await matchLedgerLines(gw.db)).toMatchObject({ FILLED: 1 });
    expect(await payment(settled.id)).toMatchObject({ ledgerMissingAt: null, mpesaReceipt: t.receipt });
    expect((await timeline(settled.id)).slice(-2)).toEqual(["receipt_filled:ledger", "ledger_found:ledger"]);
    expect(await checkLedgerMissing(gw.db, { now: hours(27), missingAfterHours: 24 })).toEqual({ flagged: 0, cleared: 0 });
  });

  it("changes nothing when matching runs again", async () => {
    const snapshot = async () => ({
      lines: await gw.db.ledgerLine.findMany({ orderBy: { id: "asc" } }),
      payments: await gw.db.payment.findMany({ orderBy: { id: "asc" } }),
      events: await gw.db.paymentEvent.count(),
      webhooks: await gw.db.webhookEvent.count(),
    });
    const before = await snapshot();
    expect(before.lines.every((l) => l.matchStatus !== "PENDING")).toBe(true);
    expect(await matchLedgerLines(gw.db)).toEqual({});
    expect(await matchLedgerLines(gw.db)).toEqual({});
    expect(await snapshot()).toEqual(before);
  });

  it("makes ONE line of an STK payment's callback and its C2B twin, with both sources", async () => {
    const accountId = (await payment(await create("pending-forever", "LED-SETUP"))).collectionAccountId!;
    await registerAccountC2b(gw.db, gw.env, { accountId, actor: { id: null, email: "admin@example.test" }, reason: "C2B set-up" });
    const id = await create("success", "LED-TWIN-1");
    const t = await paidInSim("LED-TWIN-1");
    const line = await eventually(async () => {
      const l = await gw.db.ledgerLine.findFirst({ where: { receipt: t.receipt } });
      return l && l.sources.length === 2 && l;
    });
    expect(await gw.db.ledgerLine.count({ where: { receipt: t.receipt } })).toBe(1);
    expect(line).toMatchObject({ paymentId: id, collectionAccountId: accountId, amountMinor: 10_000, disagreement: null });
    expect([...line.sources].sort()).toEqual(["c2b_confirmation", "stk_callback"]);
    // Whichever came first settled the payment with the receipt, so the line needs no matching.
    await matchLedgerLines(gw.db);
    expect(await lineOf(t.receipt)).toMatchObject({ matchStatus: "MATCHED", paymentId: id });
    expect(await payment(id)).toMatchObject({ status: "SUCCEEDED", mpesaReceipt: t.receipt });
    expect(await gw.db.unattachedReceipt.count({ where: { receipt: t.receipt } })).toBe(0);
  });
});
