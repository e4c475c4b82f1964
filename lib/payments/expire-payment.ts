import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Payment } from "@/lib/generated/prisma/client";
import { inTransaction } from "@/lib/payments/in-transaction";
import { requireReason } from "@/lib/payments/require-reason";
import { TRANSITIONS } from "@/lib/payments/state";
import { transitionPayment } from "@/lib/payments/transition";

export interface ExpirePaymentOptions {
  paymentId: string;
  actorUserId: string;
  reason: string;
}

export const EXPIRED_FAILURE = { failureCode: "expired", failureMessage: "The payment was not completed before its deadline" };

/**
 * An admin gives up on a payment that is still INITIATING or PENDING. A success that arrives later
 * still counts (SUCCEEDED, flagged late), so this never loses money that moved.
 */
export async function expirePayment(db: Db, { paymentId, actorUserId, reason }: ExpirePaymentOptions): Promise<Payment> {
  const why = requireReason(reason);
  return inTransaction(db, async (tx) => {
    const result = await transitionPayment(tx, {
      paymentId, event: "expire", source: "admin", actorUserId, patch: EXPIRED_FAILURE, data: { reason: why },
    });
    if (result.kind === "conflict") {
      throw new AppError("invalid_state", `Payment ${paymentId} is ${result.from}; only ${TRANSITIONS.expire.from.join(" or ")} payments can be expired`);
    }
    return result.payment;
  });
}
