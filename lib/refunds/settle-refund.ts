import type { Prisma, Refund } from "@/lib/generated/prisma/client";
import { rematchRefundLine } from "@/lib/ledger/rematch-ledger-line";
import { createLogger } from "@/lib/logger";
import { recordPaymentEvent } from "@/lib/payments/record-payment-event";
import { lockPaymentStatus } from "@/lib/payments/transition";
import { lockRefund, transitionRefund } from "@/lib/refunds/transition-refund";

const log = createLogger("refunds");

/** What M-Pesa said became of a refund, from whichever source told (its result, a status check, the ledger). */
export type RefundOutcome =
  /** `reversalReceipt`: the payout's own receipt, a reversal's or a B2C payment's. */
  | { kind: "succeeded"; reversalReceipt: string | null; completedAt: Date | null; source: string }
  | { kind: "failed"; code: string; reason: string; source: string }
  /** Not known yet (a queue timeout, a check that could not tell): asked again at `checkAgainAt`. */
  | { kind: "unknown"; reason: string; source: string; checkAgainAt: Date };

/**
 * The one place a refund's outcome is applied, under the refund's row lock then the payment's:
 * a success (also after a FAILED that turns out wrong: late) adds the amount to the payment's
 * refunded total and records the reversal's receipt (refund.succeeded); a failure frees the amount
 * (refund.failed), only while the refund is PENDING; an unknown outcome marks it so and schedules
 * the next check, with a timeline entry only when what is known changes. A late success that would
 * take the payment past what was paid (another refund gave the money back meanwhile) is not
 * applied: it is kept on both timelines, logged as an error, and the refund says what to check.
 * Repeats change nothing. Returns the refund as it is now, and whether this call changed it.
 */
export async function settleRefund(tx: Prisma.TransactionClient, refundId: string, outcome: RefundOutcome, now: Date): Promise<{ refund: Refund | null; changed: boolean }> {
  const refund = await lockRefund(tx, refundId);
  if (!refund) return { refund: null, changed: false };
  if (outcome.kind === "unknown") {
    if (refund.status !== "PENDING") return { refund, changed: false };
    const [marked] = await tx.refund.updateManyAndReturn({ where: { id: refund.id, status: "PENDING" }, data: { outcomeUnknown: true, nextCheckAt: outcome.checkAgainAt, failureReason: outcome.reason, updatedAt: now } });
    if (!refund.outcomeUnknown || refund.failureReason !== outcome.reason) {
      await tx.refundEvent.create({ data: { refundId: refund.id, type: "outcome_unknown", fromStatus: "PENDING", toStatus: "PENDING", data: { source: outcome.source, reason: outcome.reason }, createdAt: now } });
    }
    return { refund: marked ?? refund, changed: true };
  }
  if (outcome.kind === "failed") {
    const failed = await transitionRefund(tx, {
      refundId: refund.id, event: "fail", from: refund.status, actorEmail: null, now, note: { source: outcome.source, code: outcome.code, reason: outcome.reason },
      data: { failureCode: outcome.code, failureReason: outcome.reason, outcomeUnknown: false, nextCheckAt: null, completedAt: now },
    });
    if (failed) await recordPaymentEvent(tx, { paymentId: refund.paymentId, type: "refund", source: eventSource(outcome.source), data: { refundId: refund.id, status: "FAILED", reason: outcome.reason } });
    return { refund: failed ?? refund, changed: failed !== null };
  }
  if (refund.status === "SUCCEEDED") return { refund, changed: false };
  // The payment after the refund: its lock comes second, as everywhere refunds touch payments.
  await lockPaymentStatus(tx, refund.paymentId);
  const payment = await tx.payment.findUniqueOrThrow({ where: { id: refund.paymentId }, select: { amount: true, refundedAmount: true } });
  const holder = outcome.reversalReceipt ? await tx.refund.findUnique({ where: { mpesaReceipt: outcome.reversalReceipt }, select: { id: true } }) : null;
  if (holder && holder.id !== refund.id) {
    log.error({ refundId: refund.id, holder: holder.id }, "a reversal receipt already settled another refund; not applied twice");
    return { refund, changed: false };
  }
  if (payment.refundedAmount + refund.amount > payment.amount) {
    const why = `M-Pesa reversed this refund after all (${outcome.reversalReceipt ?? "no receipt given"}, from ${outcome.source}), but the payment's other refunds already gave back KES ${payment.refundedAmount} of ${payment.amount}: the customer may have been refunded twice. Check the statement and settle it with the customer.`;
    log.error({ refundId: refund.id, paymentId: refund.paymentId, source: outcome.source }, "a late refund success would exceed what was paid; not applied");
    await tx.refund.update({ where: { id: refund.id }, data: { failureReason: why, updatedAt: now } });
    await tx.refundEvent.create({ data: { refundId: refund.id, type: "late_success_conflict", fromStatus: refund.status, toStatus: refund.status, data: { source: outcome.source, reversalReceipt: outcome.reversalReceipt }, createdAt: now } });
    await recordPaymentEvent(tx, { paymentId: refund.paymentId, type: "refund", source: eventSource(outcome.source), data: { refundId: refund.id, status: refund.status, conflict: why } });
    return { refund: await tx.refund.findUniqueOrThrow({ where: { id: refund.id } }), changed: true };
  }
  const succeeded = await transitionRefund(tx, {
    refundId: refund.id, event: "succeed", from: refund.status, actorEmail: null, now,
    note: { source: outcome.source, reversalReceipt: outcome.reversalReceipt, late: refund.status === "FAILED" },
    data: { mpesaReceipt: outcome.reversalReceipt, completedAt: outcome.completedAt ?? now, outcomeUnknown: false, nextCheckAt: null, failureCode: null, failureReason: null },
  });
  if (!succeeded) return { refund, changed: false };
  await tx.$executeRaw`UPDATE payments SET refunded_amount = refunded_amount + ${succeeded.amount}, updated_at = ${now} WHERE id = ${refund.paymentId}`;
  await recordPaymentEvent(tx, { paymentId: refund.paymentId, type: "refund", source: eventSource(outcome.source), data: { refundId: refund.id, status: "SUCCEEDED", amount: succeeded.amount, reversalReceipt: outcome.reversalReceipt } });
  // Its ledger line, if already judged without it, is now this refund's money out.
  if (outcome.reversalReceipt) await rematchRefundLine(tx, { collectionAccountId: refund.collectionAccountId, receipt: outcome.reversalReceipt });
  return { refund: succeeded, changed: true };
}

/** The payment timeline's source for what told of the refund: an admin's own finding, or M-Pesa's. */
function eventSource(source: string): "admin" | "ledger" {
  return source === "admin" ? "admin" : "ledger";
}
