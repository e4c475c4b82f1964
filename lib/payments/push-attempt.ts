import { timeProviderCall } from "@/lib/metrics/provider-time";
import type { Db } from "@/lib/db/client";
import { inTransaction } from "@/lib/db/in-transaction";
import { AppError } from "@/lib/errors";
import type { Payment, Prisma } from "@/lib/generated/prisma/client";
import { maskPhone, type Logger } from "@/lib/logger";
import type { ChargeFailure, ChargeRail } from "@/lib/payments/charge";
import { acknowledgedAttemptIds, markAttemptRefused, markAttemptUnknown, recordAttemptReference } from "@/lib/payments/payment-attempts";
import { firstQueryAt } from "@/lib/payments/query-schedule";
import { recordPaymentEvent, type PaymentEventSource } from "@/lib/payments/record-payment-event";
import { recordUnstoredAcknowledgement } from "@/lib/payments/record-unstored-acknowledgement";
import { lockPaymentStatus, transitionPayment } from "@/lib/payments/transition";
import { scheduleReconcile } from "@/lib/jobs/queues/schedule-reconcile";

export interface PushAttemptOptions {
  /** The payment, INITIATING, committed with its new attempt before the push is sent. */
  payment: Payment;
  attemptId: string;
  /** The payment's provider (its collection account's rail): it builds the callback URL and pushes. */
  rail: ChargeRail;
  /** As in CreatePaymentOptions: schedules the first status query in the answer's transaction. */
  reconcileAfterSeconds?: number;
  /** Who sent it: the storefront's API call, an admin sending the prompt again, or the customer on the checkout page. */
  source: Extract<PaymentEventSource, "api" | "admin" | "checkout">;
  actorUserId?: string | null;
  /** The caller's writes to make if the provider takes the push, sent in the acknowledgement's statement (start-payment.ts resolves the account's configuration alert). */
  onAccepted?: readonly Prisma.Sql[];
  logger: Logger;
}

/**
 * - accepted: Daraja acknowledged the push; PENDING (or further, if its callback came first).
 * - unknown: the push's HTTP call ended without an answer, or Daraja's acknowledgement could not be
 *   stored; the prompt may be on the phone, so the payment stays INITIATING for a callback, a query
 *   or the expiry sweep to settle.
 * - rejected: Daraja refused the push; FAILED with failure_code mpesa_rejected.
 * - unavailable: nothing reached Daraja (spike arrest, connection refused): FAILED with failure_code
 *   mpesa_unavailable, so every API attempt leaves a record. No prompt can exist for it, so failing
 *   it is safe: the storefront retries with a new Idempotency-Key (a new payment), an admin sends
 *   the prompt again.
 */
export type PushAttemptResult =
  | { kind: "accepted"; payment: Payment }
  | { kind: "unknown"; payment: Payment }
  | { kind: "rejected"; payment: Payment; message: string; error: ChargeFailure }
  | { kind: "unavailable"; payment: Payment; message: string; error: ChargeFailure };

/**
 * Sends one attempt's prompt through the payment's rail and records what the provider said, on the
 * payment and on the attempt: the storefront's first push (createPayment) and every "send the
 * prompt again" (resendPrompt). The callback URL names the payment, so every attempt's callback
 * comes back to it and is matched to its attempt by the provider's ids.
 */
export async function pushAttempt(db: Db, options: PushAttemptOptions): Promise<PushAttemptResult> {
  const { payment, attemptId, rail, source, actorUserId = null, logger: log } = options;
  const id = payment.id;
  const push = await timeProviderCall(() => rail.startCharge({
    paymentId: id, mode: payment.mode, amount: payment.amount, phone: payment.phone, reference: payment.reference, description: payment.description ?? undefined,
  }));
  log.info({ outcome: push.kind, phone: maskPhone(payment.phone), amount: payment.amount }, "STK push answered");

  switch (push.kind) {
    case "accepted": {
      const ids = { checkoutRequestId: push.checkoutRequestId, merchantRequestId: push.merchantRequestId };
      const acceptedAt = new Date();
      const firstQuery = options.reconcileAfterSeconds === undefined ? null
        : firstQueryAt(acceptedAt, payment.expiresAt, { reconcileAfterSeconds: options.reconcileAfterSeconds });
      const stored = await inTransaction(db, async (tx) => {
        // The payment's row lock first, as every writer of its attempts takes it (the callback's
        // processing, the settle path, a retry): one order, so an early callback and this
        // acknowledgement queue up instead of deadlocking. The transition's UPDATE takes it; the
        // attempt's ids and the caller's writes ride in the timeline entry's statement after it,
        // applied or not (a conflict's too).
        const result = await transitionPayment(tx, {
          paymentId: id, event: "accept", source, actorUserId, patch: { ...ids, nextQueryAt: firstQuery }, data: { ...ids }, now: acceptedAt,
          alongside: [acknowledgedAttemptIds(attemptId, ids), ...(options.onAccepted ?? [])],
        });
        if (result.kind === "applied") {
          if (firstQuery) await scheduleReconcile({ paymentId: id, at: firstQuery, tx });
          return result.payment;
        }
        // Its callback was applied first (that is how it knew the ids); keep the ids if it did not.
        await tx.payment.updateMany({ where: { id, checkoutRequestId: null }, data: ids });
        return tx.payment.findUniqueOrThrow({ where: { id } });
      }).then((stored) => ({ ok: true as const, payment: stored }), (error: unknown) => ({ ok: false as const, error }));
      if (stored.ok) return { kind: "accepted", payment: stored.payment };
      // The prompt is on the phone whatever the database says: never a 500 that hides that.
      log.error({ err: stored.error, ...ids }, "the provider accepted the push but its acknowledgement could not be stored; the payment stays initiating, outcome unknown");
      const unstored = await recordUnstoredAcknowledgement(db, { paymentId: id, attemptId, ids, error: stored.error, firstQueryAt: firstQuery ?? payment.expiresAt, logger: log });
      if (!unstored) {
        throw new AppError("service_unavailable", `M-Pesa accepted the payment request, but it could not be recorded. Do not retry with a new Idempotency-Key: the prompt is on the customer's phone. Check GET /api/v1/payments/${id} shortly.`, {
          details: { payment_id: id }, cause: stored.error,
        });
      }
      return { kind: "unknown", payment: unstored };
    }
    case "unknown": {
      // A rail that names its own query reference (Vodacom) can be asked about it at once; without
      // one (Daraja) nothing can be queried: a callback settles it, or its deadline.
      const reference = rail.statusReferenceFor?.(id) ?? null;
      const firstQuery = reference && options.reconcileAfterSeconds !== undefined
        ? firstQueryAt(new Date(), payment.expiresAt, { reconcileAfterSeconds: options.reconcileAfterSeconds }) : null;
      const unknown = await inTransaction(db, async (tx) => {
        await lockPaymentStatus(tx, id);
        const { count } = await tx.payment.updateMany({
          where: { id, status: "INITIATING" },
          data: { outcomeUnknown: true, ...(reference ? { checkoutRequestId: reference, nextQueryAt: firstQuery ?? payment.expiresAt } : {}) },
        });
        await markAttemptUnknown(tx, attemptId);
        if (reference) await recordAttemptReference(tx, attemptId, reference);
        await recordPaymentEvent(tx, { paymentId: id, type: "outcome_unknown", source, actorUserId, data: { reason: push.reason, ...(reference ? { queryReference: reference } : {}) } });
        if (count === 1 && options.reconcileAfterSeconds !== undefined) await scheduleReconcile({ paymentId: id, at: firstQuery ?? payment.expiresAt, tx });
        return tx.payment.findUniqueOrThrow({ where: { id } });
      });
      return { kind: "unknown", payment: unknown };
    }
    case "rejected":
    case "retryable": {
      const unavailable = push.kind === "retryable";
      const retryHint = source === "api" ? "retry with a new Idempotency-Key" : "send the prompt again later";
      const message = unavailable
        ? `M-Pesa could not take the payment request right now (${push.error.message}). No prompt was sent; ${retryHint}.`
        : `M-Pesa refused the payment request: ${push.error.message}`;
      const now = new Date();
      const result = await inTransaction(db, async (tx) => {
        const lockedStatus = await lockPaymentStatus(tx, id);
        await markAttemptRefused(tx, attemptId, now);
        return transitionPayment(tx, {
          paymentId: id, event: "reject", source, actorUserId, now, lockedStatus,
          patch: { failureCode: unavailable ? "mpesa_unavailable" : "mpesa_rejected", failureMessage: message },
          data: { kind: push.error.kind, errorCode: push.error.errorCode, httpStatus: push.error.httpStatus, field: push.error.field },
        });
      });
      if (push.error.kind === "configuration") {
        log.error({ errorCode: push.error.errorCode, reason: push.error.message }, "the provider refused our configuration");
      }
      return { kind: unavailable ? "unavailable" : "rejected", payment: result.payment, message, error: push.error };
    }
  }
}
