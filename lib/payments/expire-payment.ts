import type { Db } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { Payment } from "@/lib/generated/prisma/client";
import { inTransaction } from "@/lib/db/in-transaction";
import { requireReason } from "@/lib/payments/require-reason";
import { TRANSITIONS } from "@/lib/payments/state";
import { settlePayment } from "@/lib/payments/settle-payment";
import { expiredQuerySchedule, firstExpiredQueryAt, type ExpiredQuerySchedule } from "@/lib/payments/expired-query-schedule";
import { scheduleReconcile } from "@/lib/jobs/queues/schedule-reconcile";

export interface ExpirePaymentOptions {
  paymentId: string;
  actorUserId: string;
  reason: string;
  /** The post-expiry schedule (default: this process's settings). */
  schedule?: ExpiredQuerySchedule;
}

export const EXPIRED_FAILURE = { failureCode: "expired", failureMessage: "The payment was not completed before its deadline" };

/**
 * An admin gives up on a payment that is still INITIATING or PENDING. A success that arrives later
 * still counts (SUCCEEDED, flagged late), and one with a CheckoutRequestID keeps being asked
 * after its expiry like any other (post-expiry reconciliation), so this never loses money that moved.
 */
export async function expirePayment(db: Db, { paymentId, actorUserId, reason, schedule }: ExpirePaymentOptions): Promise<Payment> {
  const why = requireReason(reason);
  const now = new Date();
  const asked = firstExpiredQueryAt(now, schedule ?? expiredQuerySchedule(getEnv()));
  return inTransaction(db, async (tx) => {
    const settled = await settlePayment(tx, {
      paymentId, actorUserId, now,
      input: { kind: "deadline", source: "admin", patch: { ...EXPIRED_FAILURE, nextQueryAt: null, queryLeaseUntil: null }, data: { reason: why } },
    });
    if (settled.outcome !== "applied") {
      throw new AppError("invalid_state", `Payment ${paymentId} is ${settled.before.status}; only ${TRANSITIONS.expire.from.join(" or ")} payments can be expired`);
    }
    const payment = await tx.payment.findUniqueOrThrow({ where: { id: paymentId } });
    if (!asked || !payment.checkoutRequestId) return payment;
    await scheduleReconcile({ paymentId, at: asked, tx });
    return tx.payment.update({ where: { id: paymentId }, data: { nextQueryAt: asked } });
  });
}
