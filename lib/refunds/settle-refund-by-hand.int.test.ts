import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { processCallbackJob } from "@/lib/callbacks/process-callback-job";
import { processInitiatorResultJob } from "@/lib/initiator-requests/process-initiator-result-job";
import { refundScenarioPhone } from "@/lib/rails/daraja/simulator/refund-scenarios";
import { decideRefund } from "@/lib/refunds/decide-refund";
import { requestRefund } from "@/lib/refunds/request-refund";
import { sendRefund } from "@/lib/refunds/send-refund";
import { settleRefundByHand } from "@/lib/refunds/settle-refund-by-hand";
import { eventually, startGateway, type Gateway, type TestStorefront } from "@/lib/testing/gateway";

/**
 * A sent refund M-Pesa never answered, settled by an admin from what the org portal shows: through
 * the settle path (the payment's refunded total, the storefront's event), audited, and refused with
 * nothing changed for a malformed receipt, a receipt another refund holds, or a refund not pending.
 */
const alice = { id: "usr_alice_hand0000000000", email: "alice@hand.test", via: "dashboard" as const };
const bob = { id: "usr_bob_hand000000000000", email: "bob@hand.test", via: "dashboard" as const };

describe("settling a refund by hand", () => {
  let gw: Gateway;
  let shop: TestStorefront;

  beforeAll(async () => {
    gw = await startGateway({ jobs: [processCallbackJob, processInitiatorResultJob] });
    shop = await gw.createStorefront("By hand shop");
  });
  afterAll(async () => {
    await gw?.close();
  });

  const paid = async (phone: string, reference: string, amount = 100) => {
    const res = await gw.api(shop.keys.TEST, "POST", "/api/v1/payments", { body: { amount, phone, reference } });
    expect(res.status).toBe(201);
    const id = String(res.body.id);
    return eventually(async () => (await gw.db.payment.findUniqueOrThrow({ where: { id } })).mpesaReceipt !== null && id);
  };
  /** A refund sent to M-Pesa whose result never comes: it stays pending. */
  const sentAndSilent = async (reference: string) => {
    const paymentId = await paid(refundScenarioPhone("reversal-no-result"), reference);
    const now = new Date();
    const { refund } = await requestRefund(gw.db, { paymentId, reason: "returned", actor: alice, now, env: gw.env });
    await decideRefund(gw.db, { refundId: refund.id, decision: "approve", reason: "checked", actor: bob, now });
    const sent = await sendRefund(gw.db, gw.env, { refundId: refund.id, now });
    expect(sent.status).toBe("PENDING");
    return { paymentId, refundId: refund.id };
  };
  const admin = { id: bob.id, email: bob.email };
  /** Past REFUND_CHECK_AFTER_MINUTES (5 here) after the sending: the result is overdue. */
  const later = () => new Date(Date.now() + 6 * 60_000);

  it("records a refund the org portal shows as made: refunded total, refund.succeeded, audit, timeline", async () => {
    const { paymentId, refundId } = await sentAndSilent("HAND-OK-1");
    const before = await gw.db.refund.findUniqueOrThrow({ where: { id: refundId } });
    await expect(settleRefundByHand(gw.db, { refundId, finding: { kind: "refunded", receipt: "not-a-receipt" }, reason: "seen on the portal", actor: admin, now: later(), checkAfterMinutes: 5 }))
      .rejects.toMatchObject({ code: "validation_failed" });
    await expect(settleRefundByHand(gw.db, { refundId, finding: { kind: "refunded", receipt: "TLC1HAND01" }, reason: " ", actor: admin, now: later(), checkAfterMinutes: 5 }))
      .rejects.toMatchObject({ code: "validation_failed" });
    expect(await gw.db.refund.findUniqueOrThrow({ where: { id: refundId } })).toEqual(before);

    const settled = await settleRefundByHand(gw.db, { refundId, finding: { kind: "refunded", receipt: "tlc1hand01" }, reason: "seen on the portal", actor: admin, now: later(), checkAfterMinutes: 5 });
    expect(settled).toMatchObject({ status: "SUCCEEDED", mpesaReceipt: "TLC1HAND01" });
    expect(await gw.db.payment.findUniqueOrThrow({ where: { id: paymentId } })).toMatchObject({ refundedAmount: 100 });
    expect(await gw.db.webhookEvent.count({ where: { paymentId, type: "refund.succeeded" } })).toBe(1);
    expect(await gw.db.auditLog.findFirstOrThrow({ where: { entityId: paymentId, action: "refund.settle_by_hand" } })).toMatchObject({ actorEmail: bob.email, reason: "seen on the portal" });
    const timeline = await gw.db.refundEvent.findMany({ where: { refundId }, orderBy: { id: "asc" } });
    expect(timeline.map((e) => [e.type, e.actorEmail])).toEqual([["request", alice.email], ["approve", bob.email], ["send", null], ["settled_by_hand", bob.email], ["succeed", null]]);

    // Settled now: a second settling is refused.
    await expect(settleRefundByHand(gw.db, { refundId, finding: { kind: "not_refunded" }, reason: "again", actor: admin, now: later(), checkAfterMinutes: 5 }))
      .rejects.toMatchObject({ code: "invalid_state" });
  });

  it("refuses while M-Pesa's result may still come, and accepts once the refund's outcome is unknown", async () => {
    const { refundId } = await sentAndSilent("HAND-EARLY-1");
    await expect(settleRefundByHand(gw.db, { refundId, finding: { kind: "not_refunded" }, reason: "impatient", actor: admin, now: new Date(), checkAfterMinutes: 5 }))
      .rejects.toMatchObject({ code: "invalid_state", message: expect.stringContaining("may still come") });
    expect(await gw.db.refund.findUniqueOrThrow({ where: { id: refundId } })).toMatchObject({ status: "PENDING" });
    await gw.db.refund.update({ where: { id: refundId }, data: { outcomeUnknown: true } });
    expect((await settleRefundByHand(gw.db, { refundId, finding: { kind: "not_refunded" }, reason: "portal shows nothing", actor: admin, now: new Date(), checkAfterMinutes: 5 })).status).toBe("FAILED");
  });

  it("refuses a receipt that already settled another refund, changing nothing", async () => {
    const { refundId } = await sentAndSilent("HAND-DUP-1");
    await expect(settleRefundByHand(gw.db, { refundId, finding: { kind: "refunded", receipt: "TLC1HAND01" }, reason: "copied the wrong line", actor: admin, now: later(), checkAfterMinutes: 5 }))
      .rejects.toMatchObject({ code: "invalid_state", message: expect.stringContaining("another refund") });
    expect(await gw.db.refund.findUniqueOrThrow({ where: { id: refundId } })).toMatchObject({ status: "PENDING", mpesaReceipt: null });
    expect(await gw.db.refundEvent.count({ where: { refundId, type: "settled_by_hand" } })).toBe(0);
  });

  it("fails a refund the org portal shows was never made, freeing the amount for a new one", async () => {
    const { paymentId, refundId } = await sentAndSilent("HAND-NO-1");
    const failed = await settleRefundByHand(gw.db, { refundId, finding: { kind: "not_refunded" }, reason: "no reversal on the statement", actor: admin, now: later(), checkAfterMinutes: 5 });
    expect(failed).toMatchObject({ status: "FAILED", failureCode: "admin", failureReason: expect.stringContaining("no reversal on the statement") });
    expect(await gw.db.webhookEvent.count({ where: { paymentId, type: "refund.failed" } })).toBe(1);
    const again = await requestRefund(gw.db, { paymentId, reason: "second try", actor: alice, now: new Date(), env: gw.env });
    expect(again.refund.status).toBe("REQUESTED");
  });
});
