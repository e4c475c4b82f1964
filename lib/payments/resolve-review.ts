import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Payment } from "@/lib/generated/prisma/client";
import { inTransaction } from "@/lib/db/in-transaction";
import { requireReason } from "@/lib/payments/require-reason";
import { settlePayment } from "@/lib/payments/settle-payment";

export interface ResolveReviewOptions {
  paymentId: string;
  outcome: "SUCCEEDED" | "FAILED";
  actorUserId: string;
  reason: string;
}

/** An admin settles a payment in REVIEW, having checked M-Pesa's statement, through the settle path; the storefront is notified. */
export async function resolveReview(db: Db, { paymentId, outcome, actorUserId, reason }: ResolveReviewOptions): Promise<Payment> {
  const why = requireReason(reason);
  if (outcome !== "SUCCEEDED" && outcome !== "FAILED") {
    throw new AppError("validation_failed", "The outcome must be SUCCEEDED or FAILED", { param: "outcome" });
  }
  return inTransaction(db, async (tx) => {
    const current = await tx.payment.findUnique({ where: { id: paymentId }, select: { id: true } });
    if (!current) throw new AppError("not_found", `No such payment: ${paymentId}`, { param: "paymentId" });
    // What the admin found on the statement, as an observation of its own (source admin).
    const settled = await settlePayment(tx, {
      paymentId, actorUserId, now: new Date(),
      input: { source: "admin", result: outcome === "SUCCEEDED" ? "succeeded" : "failed", resultCode: "", resultDescription: why, evidence: {}, details: { reason: why } },
    });
    if (settled.outcome !== "applied") throw new AppError("invalid_state", `Payment ${paymentId} is ${settled.before.status}; only payments in REVIEW can be resolved`);
    return tx.payment.findUniqueOrThrow({ where: { id: paymentId } });
  });
}
