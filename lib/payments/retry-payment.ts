import { AppError } from "@/lib/errors";
import type { Payment, PaymentAttempt, PaymentStatus, Prisma } from "@/lib/generated/prisma/client";
import { attemptBlockingRetry } from "@/lib/payments/attempt-state";
import { attemptsOf, createAttempt } from "@/lib/payments/payment-attempts";
import { requireReason } from "@/lib/payments/require-reason";
import type { PaymentEventSource } from "@/lib/payments/record-payment-event";
import { canTransition, TRANSITIONS } from "@/lib/payments/state";
import { lockPaymentStatus, transitionPayment, type PaymentPatch } from "@/lib/payments/transition";

export interface RetryPaymentOptions {
  paymentId: string;
  /** The admin who asked; null when the customer asked on the checkout page. */
  actorUserId: string | null;
  reason: string;
  /** Who asked, on the payment's timeline: "admin" (the default) or "checkout". */
  source?: PaymentEventSource;
  /** The new attempt's deadline is this long from now, as a new payment's is. */
  expirySeconds: number;
  now: Date;
}

/**
 * Why a payment cannot be sent again, from its status (the state table's `retry`) and its attempts
 * (attempt-state.ts); null when it can. The dashboard hides the button on the same answer
 * (availableActions); retryPayment asks it again under the row lock.
 */
export function retryRefusal(payment: { status: PaymentStatus }, attempts: readonly Pick<PaymentAttempt, "sequence" | "status">[]): string | null {
  if (!canTransition("retry", payment.status)) {
    return `the payment is ${payment.status}; only ${TRANSITIONS.retry.from.join(", ")} payments can be sent again`;
  }
  if (attempts.length === 0) return "the payment has no attempt on record";
  return attemptBlockingRetry(attempts)?.reason ?? null;
}

/**
 * "Send the prompt again", its database half, in the caller's transaction: under the payment's row
 * lock, the refusal is asked again (so two admins, or two clicks, make one attempt: the second
 * finds the payment INITIATING), the payment goes back to INITIATING through the state table's
 * `retry` (what the last attempt left on it is cleared, and it gets a new deadline), and attempt
 * n + 1 is written, INITIATING, for the push (push-attempt.ts) to send once this commits. No
 * storefront event: the new attempt's outcome is announced as any payment's is.
 */
export async function retryPayment(tx: Prisma.TransactionClient, options: RetryPaymentOptions): Promise<{ payment: Payment; attempt: PaymentAttempt }> {
  const { paymentId, actorUserId, now } = options;
  const why = requireReason(options.reason);
  const status = await lockPaymentStatus(tx, paymentId);
  const attempts = await attemptsOf(tx, paymentId);
  const refusal = retryRefusal({ status }, attempts);
  if (refusal) throw new AppError("conflict", `The prompt cannot be sent again: ${refusal}.`);

  const sequence = attempts.at(-1)!.sequence + 1;
  const result = await transitionPayment(tx, {
    paymentId, event: "retry", source: options.source ?? "admin", actorUserId, now, lockedStatus: status, patch: clearedForAttempt(now, options.expirySeconds),
    data: { attempt: sequence, reason: why },
  });
  if (result.kind !== "applied") throw new AppError("conflict", `The prompt cannot be sent again: the payment is ${result.from}.`);
  // Sent through the account of the payment's first push: its ids and its queries belong there.
  const attempt = await createAttempt(tx, { paymentId, sequence, collectionAccountId: result.payment.collectionAccountId, requestedBy: actorUserId, reason: why, now });
  return { payment: result.payment, attempt };
}

/** What the previous attempt left on the payment, cleared for the next one; the ids come with its acknowledgement. */
function clearedForAttempt(now: Date, expirySeconds: number): PaymentPatch {
  return {
    merchantRequestId: null, checkoutRequestId: null, resultCode: null, resultDesc: null, failureCode: null, failureMessage: null,
    mpesaAmount: null, mpesaPhone: null, transactionDate: null, outcomeUnknown: false, late: false,
    acceptedAt: null, completedAt: null, nextQueryAt: null, queryLeaseUntil: null,
    expiresAt: new Date(now.getTime() + expirySeconds * 1000),
  };
}
