import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Payment } from "@/lib/generated/prisma/client";
import { inTransaction } from "@/lib/db/in-transaction";
import { requireReason } from "@/lib/payments/require-reason";
import { transitionPayment, type PaymentPatch } from "@/lib/payments/transition";

export interface ResolveReviewOptions {
  paymentId: string;
  outcome: "SUCCEEDED" | "FAILED";
  actorUserId: string;
  reason: string;
}

/** An admin settles a payment in REVIEW, having checked M-Pesa's statement; the storefront is notified. */
export async function resolveReview(db: Db, { paymentId, outcome, actorUserId, reason }: ResolveReviewOptions): Promise<Payment> {
  const why = requireReason(reason);
  if (outcome !== "SUCCEEDED" && outcome !== "FAILED") {
    throw new AppError("validation_failed", "The outcome must be SUCCEEDED or FAILED", { param: "outcome" });
  }
  return inTransaction(db, async (tx) => {
    const current = await tx.payment.findUnique({ where: { id: paymentId }, select: { mpesaReceipt: true } });
    if (!current) throw new AppError("not_found", `No such payment: ${paymentId}`, { param: "paymentId" });
    const patch: PaymentPatch = outcome === "SUCCEEDED"
      ? { failureCode: null, failureMessage: null, receiptMissing: current.mpesaReceipt === null }
      : { failureCode: "review_failed", failureMessage: "The payment was marked as failed after review" };
    const result = await transitionPayment(tx, { paymentId, event: "resolve", to: outcome, source: "admin", actorUserId, patch, data: { reason: why } });
    if (result.kind === "conflict") throw new AppError("invalid_state", `Payment ${paymentId} is ${result.from}; only payments in REVIEW can be resolved`);
    return result.payment;
  });
}
