import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { processCallbackJob } from "@/lib/callbacks/process-callback-job";
import { processInitiatorResultJob } from "@/lib/initiator-requests/process-initiator-result-job";
import { webhookEventSchema } from "@/lib/payments/webhook-event-schema";
import { refundScenarioPhone } from "@/lib/rails/daraja/simulator/refund-scenarios";
import { checkPendingRefunds } from "@/lib/refunds/check-pending-refunds";
import { decideRefund } from "@/lib/refunds/decide-refund";
import { requestRefund } from "@/lib/refunds/request-refund";
import { sendRefund } from "@/lib/refunds/send-refund";
import { settleRefund } from "@/lib/refunds/settle-refund";
import { eventually, startGateway, type Gateway, type TestStorefront } from "@/lib/testing/gateway";
import { paidPayment, settledRefund } from "@/lib/testing/refund-fixtures";

/**
 * Refunds by M-Pesa Reversal end to end, over HTTP against the simulator and real PostgreSQL: four
 * eyes, the reversal's asynchronous result, the payment's refunded total, the storefront's events
 * and the reversal's ledger line; concurrent requests never exceeding what was paid; M-Pesa's real
 * outcomes (already reversed, insufficient balance); a result that never comes, settled by the
 * worker's Transaction Status check; and bad requests refused with nothing changed.
 */
const alice = { id: "usr_alice000000000000000", email: "alice@refunds.test", via: "dashboard" as const };
const bob = { id: "usr_bob00000000000000000", email: "bob@refunds.test", via: "dashboard" as const };
const MINUTE = 60_000;

describe("refunds", () => {
  let gw: Gateway;
  let shop: TestStorefront;
  const paid = (phone: string, reference: string, amount = 100) => paidPayment(gw, shop, { phone, reference, amount });
  const refundOf = (id: string) => gw.db.refund.findUniqueOrThrow({ where: { id } });
  const settled = (id: string) => settledRefund(gw, id);
  const approvedAndSent = async (paymentId: string, now = new Date()) => {
    const { refund } = await requestRefund(gw.db, { paymentId, reason: "customer returned the goods", actor: alice, now, env: gw.env });
    await decideRefund(gw.db, { refundId: refund.id, decision: "approve", reason: "checked the return", actor: bob, now });
    return sendRefund(gw.db, gw.env, { refundId: refund.id, now });
  };

  beforeAll(async () => {
    gw = await startGateway({ jobs: [processCallbackJob, processInitiatorResultJob] });
    shop = await gw.createStorefront("Refund shop");
  });
  afterAll(async () => {
    await gw?.close();
  });

  it("refunds a payment in full after a second admin approves: reversed, refunded, told, in the ledger", async () => {
    const payment = await paid("254708374149", "RF-FULL-1", 450);
    const { refund, approved } = await requestRefund(gw.db, { paymentId: payment.id, reason: "customer returned the goods", actor: alice, now: new Date(), env: gw.env });
    expect(approved).toBe(false);
    expect(refund).toMatchObject({ status: "REQUESTED", amount: 450, method: "reversal", requestedByEmail: alice.email });
    // The requester cannot approve their own refund.
    await expect(decideRefund(gw.db, { refundId: refund.id, decision: "approve", reason: "looks fine", actor: alice, now: new Date() })).rejects.toMatchObject({ code: "forbidden" });
    expect((await refundOf(refund.id)).status).toBe("REQUESTED");

    await decideRefund(gw.db, { refundId: refund.id, decision: "approve", reason: "checked the return", actor: bob, now: new Date() });
    const sent = await sendRefund(gw.db, gw.env, { refundId: refund.id, now: new Date() });
    expect(sent).toMatchObject({ status: "PENDING", outcomeUnknown: false, decidedByEmail: bob.email });
    const done = await settled(refund.id);
    expect(done.status).toBe("SUCCEEDED");
    expect(done.mpesaReceipt).toMatch(/^[A-Z0-9]{10}$/);
    expect(await gw.db.payment.findUniqueOrThrow({ where: { id: payment.id } })).toMatchObject({ status: "SUCCEEDED", refundedAmount: 450 });
    // The storefront reads it on the payment object too.
    expect((await gw.api(shop.keys.TEST, "GET", `/api/v1/payments/${payment.id}`)).body).toMatchObject({ status: "succeeded", amount: 450, amount_refunded: 450, refunded: true });
    const events = await gw.db.webhookEvent.findMany({ where: { paymentId: payment.id, type: { startsWith: "refund." } }, orderBy: { createdAt: "asc" } });
    expect(events.map((e) => e.type)).toEqual(["refund.created", "refund.succeeded"]);
    // What a storefront receives is the documented envelope around the refund.
    expect(webhookEventSchema.parse(events[1]!.payload)).toMatchObject({ data: { object: { id: refund.id, status: "succeeded", amount: 450, payment_id: payment.id, mpesa_receipt: done.mpesaReceipt } } });
    const line = await gw.db.ledgerLine.findFirstOrThrow({ where: { receipt: done.mpesaReceipt! } });
    expect(line).toMatchObject({ direction: "OUT", linkedReceipt: payment.mpesaReceipt, amountMinor: 45_000, sources: ["reversal_result"] });
    expect((await gw.db.refundEvent.findMany({ where: { refundId: refund.id }, orderBy: { id: "asc" } })).map((e) => e.type)).toEqual(["request", "approve", "send", "succeed"]);
    expect((await gw.db.auditLog.findMany({ where: { entityId: payment.id, action: { startsWith: "refund." } }, orderBy: { id: "asc" } })).map((a) => [a.action, a.actorEmail])).toEqual([
      ["refund.request", alice.email], ["refund.approve", bob.email],
    ]);
    // Nothing is left to refund.
    await expect(requestRefund(gw.db, { paymentId: payment.id, reason: "again", actor: alice, now: new Date(), env: gw.env })).rejects.toMatchObject({ code: "invalid_state", message: expect.stringContaining("nothing left") });
  });

  it("never lets concurrent requests refund more than was paid", async () => {
    const payment = await paid("254708374149", "RF-RACE-1", 300);
    const attempts = await Promise.allSettled(Array.from({ length: 5 }, () => requestRefund(gw.db, { paymentId: payment.id, reason: "double click", actor: alice, now: new Date(), env: gw.env })));
    expect(attempts.filter((a) => a.status === "fulfilled")).toHaveLength(1);
    for (const a of attempts) if (a.status === "rejected") expect(a.reason).toMatchObject({ code: "invalid_state" });
    expect(await gw.db.refund.count({ where: { paymentId: payment.id } })).toBe(1);
  });

  it("ends a reversal M-Pesa says was already made with a clear message, and frees nothing it did not take", async () => {
    const payment = await paid(refundScenarioPhone("reversal-already-reversed"), "RF-DONE-1");
    const done = await settled((await approvedAndSent(payment.id)).id);
    expect(done).toMatchObject({ status: "FAILED", failureCode: "R000001" });
    expect(done.failureReason).toContain("already reversed");
    expect(await gw.db.payment.findUniqueOrThrow({ where: { id: payment.id } })).toMatchObject({ refundedAmount: 0 });
    expect((await gw.db.webhookEvent.findMany({ where: { paymentId: payment.id, type: "refund.failed" } }))).toHaveLength(1);
  });

  it("fails a reversal the Utility account cannot cover, in M-Pesa's words", async () => {
    const payment = await paid(refundScenarioPhone("reversal-insufficient-balance"), "RF-POOR-1");
    const done = await settled((await approvedAndSent(payment.id)).id);
    expect(done).toMatchObject({ status: "FAILED", failureCode: "1" });
    expect(done.failureReason).toContain("Utility account");
  });

  it("settles a refund whose result never comes by a status query, and never fails it meanwhile", async () => {
    const payment = await paid(refundScenarioPhone("reversal-no-result"), "RF-LOST-1");
    const t0 = new Date();
    const sent = await approvedAndSent(payment.id, t0);
    // Before the check is due nothing is asked.
    expect(await checkPendingRefunds(gw.db, gw.env, { now: new Date(t0.getTime() + MINUTE) })).toEqual({ fromLedger: 0, asked: 0, waiting: 0 });
    expect((await refundOf(sent.id)).status).toBe("PENDING");
    expect(await checkPendingRefunds(gw.db, gw.env, { now: new Date(t0.getTime() + 6 * MINUTE) })).toEqual({ fromLedger: 0, asked: 1, waiting: 0 });
    const done = await settled(sent.id);
    expect(done.status).toBe("SUCCEEDED");
    expect(done.mpesaReceipt).toMatch(/^[A-Z0-9]{10}$/);
    expect(await gw.db.payment.findUniqueOrThrow({ where: { id: payment.id } })).toMatchObject({ refundedAmount: 100 });
  });

  it("keeps a refund whose reversal timed out in M-Pesa's queue unknown until the status query says nothing happened", async () => {
    const payment = await paid(refundScenarioPhone("reversal-queue-timeout"), "RF-QTO-1");
    const t0 = new Date();
    const sent = await approvedAndSent(payment.id, t0);
    const unknown = await eventually(async () => {
      const r = await refundOf(sent.id);
      return r.outcomeUnknown && r;
    });
    expect(unknown.status).toBe("PENDING");
    expect(await checkPendingRefunds(gw.db, gw.env, { now: new Date(t0.getTime() + MINUTE) })).toMatchObject({ asked: 1 });
    const done = await settled(sent.id);
    expect(done).toMatchObject({ status: "FAILED", failureReason: expect.stringContaining("no record of the reversal") });
  });

  it("sends a storefront's refund at once when it is at or under the approval threshold", async () => {
    const payment = await paid("254708374149", "RF-API-1", 40);
    const env = { ...gw.env, refunds: { ...gw.env.refunds, approvalThreshold: 50 } };
    const api = { id: null, email: `storefront ${shop.id}`, via: "api" as const };
    const { refund, approved } = await requestRefund(gw.db, { paymentId: payment.id, reason: "order cancelled", actor: api, storefront: { id: shop.id, mode: "TEST" }, now: new Date(), env });
    expect(approved).toBe(true);
    expect(refund).toMatchObject({ status: "APPROVED", requestedVia: "api", decisionReason: expect.stringContaining("threshold") });
    await sendRefund(gw.db, env, { refundId: refund.id, now: new Date() });
    expect((await settled(refund.id)).status).toBe("SUCCEEDED");
    // Above it, the same request waits for an admin.
    const bigger = await paid("254708374149", "RF-API-2", 60);
    expect((await requestRefund(gw.db, { paymentId: bigger.id, reason: "order cancelled", actor: api, storefront: { id: shop.id, mode: "TEST" }, now: new Date(), env })).approved).toBe(false);
  });

  it("puts a refund Daraja could not be reached for back to approved, to be sent again", async () => {
    const payment = await paid("254708374149", "RF-DOWN-1", 70);
    const { refund } = await requestRefund(gw.db, { paymentId: payment.id, reason: "returned", actor: alice, now: new Date(), env: gw.env });
    await decideRefund(gw.db, { refundId: refund.id, decision: "approve", reason: "ok", actor: bob, now: new Date() });
    const down = { ...gw.env, daraja: { ...gw.env.daraja, test: { ...gw.env.daraja.test!, baseUrl: "http://127.0.0.1:9" } } };
    const requeued = await sendRefund(gw.db, down, { refundId: refund.id, now: new Date(), actor: bob });
    expect(requeued).toMatchObject({ status: "APPROVED", failureReason: expect.stringContaining("nothing was sent") });
    expect(await gw.db.webhookEvent.count({ where: { paymentId: payment.id, type: "refund.failed" } })).toBe(0);
    await sendRefund(gw.db, gw.env, { refundId: refund.id, now: new Date(), actor: bob });
    expect((await settled(refund.id)).status).toBe("SUCCEEDED");
    expect(await gw.db.auditLog.count({ where: { entityId: payment.id, action: "refund.send" } })).toBe(2);
  });

  it("turns a failed refund succeeded when M-Pesa reversed it after all, unless the money was already given back", async () => {
    const late = await paid(refundScenarioPhone("reversal-queue-timeout"), "RF-LATE-1");
    const t0 = new Date();
    const a = await approvedAndSent(late.id, t0);
    await eventually(async () => (await refundOf(a.id)).outcomeUnknown);
    await checkPendingRefunds(gw.db, gw.env, { now: new Date(t0.getTime() + MINUTE) });
    expect((await settled(a.id)).status).toBe("FAILED");
    // A result from another source says the reversal happened: the refund succeeds, late.
    await gw.db.$transaction((tx) => settleRefund(tx, a.id, { kind: "succeeded", reversalReceipt: "LATEREV001", completedAt: null, source: "ledger" }, new Date()));
    expect(await refundOf(a.id)).toMatchObject({ status: "SUCCEEDED", mpesaReceipt: "LATEREV001" });
    expect(await gw.db.payment.findUniqueOrThrow({ where: { id: late.id } })).toMatchObject({ refundedAmount: 100 });

    const twice = await paid(refundScenarioPhone("reversal-queue-timeout"), "RF-LATE-2");
    const first = await approvedAndSent(twice.id, t0);
    await eventually(async () => (await refundOf(first.id)).outcomeUnknown);
    await checkPendingRefunds(gw.db, gw.env, { now: new Date(t0.getTime() + MINUTE) });
    expect((await settled(first.id)).status).toBe("FAILED");
    // The failure freed the amount: a second refund is asked for and its reversal succeeds.
    const second = await approvedAndSent(twice.id, t0);
    await gw.db.$transaction((tx) => settleRefund(tx, second.id, { kind: "succeeded", reversalReceipt: "SECONDREV1", completedAt: null, source: "reversal_result" }, new Date()));
    // Then the first turns out reversed too: never more than was paid, and it says what to check.
    await gw.db.$transaction((tx) => settleRefund(tx, first.id, { kind: "succeeded", reversalReceipt: "FIRSTREV01", completedAt: null, source: "ledger" }, new Date()));
    expect(await refundOf(first.id)).toMatchObject({ status: "FAILED", failureReason: expect.stringContaining("refunded twice") });
    expect(await gw.db.payment.findUniqueOrThrow({ where: { id: twice.id } })).toMatchObject({ refundedAmount: 100 });
    expect(await gw.db.refundEvent.count({ where: { refundId: first.id, type: "late_success_conflict" } })).toBe(1);
  });

  it("tells a storefront when an admin rejects its refund, and lets nobody decide it twice", async () => {
    const payment = await paid("254708374149", "RF-REJ-1", 90);
    const api = { id: null, email: `storefront ${shop.id}`, via: "api" as const };
    const { refund } = await requestRefund(gw.db, { paymentId: payment.id, reason: "order cancelled", actor: api, storefront: { id: shop.id, mode: "TEST" }, now: new Date(), env: gw.env });
    await decideRefund(gw.db, { refundId: refund.id, decision: "reject", reason: "goods not returned", actor: alice, now: new Date() });
    expect(await refundOf(refund.id)).toMatchObject({ status: "REJECTED", decidedByEmail: alice.email, decisionReason: "goods not returned" });
    await expect(decideRefund(gw.db, { refundId: refund.id, decision: "approve", reason: "changed my mind", actor: bob, now: new Date() })).rejects.toMatchObject({ code: "invalid_state" });
    const updated = await gw.db.webhookEvent.findFirstOrThrow({ where: { paymentId: payment.id, type: "refund.updated" } });
    expect(webhookEventSchema.parse(updated.payload)).toMatchObject({ data: { object: { id: refund.id, status: "rejected" } } });
    // The rejection freed the amount.
    expect((await requestRefund(gw.db, { paymentId: payment.id, reason: "returned after all", actor: alice, now: new Date(), env: gw.env })).refund.status).toBe("REQUESTED");
  });

  it("refuses bad requests with a clear error and changes nothing", async () => {
    const payment = await paid("254708374149", "RF-BAD-1", 200);
    const unpaid = await gw.api(shop.keys.TEST, "POST", "/api/v1/payments", { body: { amount: 50, phone: "254708000002", reference: "RF-BAD-2" } });
    const before = await gw.db.refund.count();
    const ask = (paymentId: string, amount?: number) => requestRefund(gw.db, { paymentId, amount, reason: "testing", actor: alice, now: new Date(), env: gw.env });
    await expect(ask(String(unpaid.body.id))).rejects.toMatchObject({ code: "invalid_state", message: expect.stringContaining("Only a paid payment") });
    await expect(ask(payment.id, 201)).rejects.toMatchObject({ code: "validation_failed", param: "amount", message: expect.stringContaining("more than was paid") });
    await expect(ask(payment.id, -5)).rejects.toMatchObject({ code: "validation_failed", param: "amount" });
    await expect(ask(payment.id, 10.5)).rejects.toMatchObject({ code: "validation_failed", param: "amount" });
    // A part needs the account's B2C shortcode (b2c-refunds.int.test.ts pays parts).
    const noB2c = { ...gw.env, daraja: { ...gw.env.daraja, test: { ...gw.env.daraja.test!, b2cShortcode: null } } };
    await expect(requestRefund(gw.db, { paymentId: payment.id, amount: 50, reason: "testing", actor: alice, now: new Date(), env: noB2c }))
      .rejects.toMatchObject({ code: "validation_failed", param: "amount", message: expect.stringContaining("no B2C shortcode") });
    await expect(ask("pay_doesnotexist00000000")).rejects.toMatchObject({ code: "not_found" });
    await expect(requestRefund(gw.db, { paymentId: payment.id, reason: "testing", actor: alice, storefront: { id: "sf_someoneelse", mode: "TEST" }, now: new Date(), env: gw.env }))
      .rejects.toMatchObject({ code: "not_found" });
    expect(await gw.db.refund.count()).toBe(before);
  });
});
