import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Mode, Payment, Prisma } from "@/lib/generated/prisma/client";
import { createLogger, maskPhone, type Logger } from "@/lib/logger";
import type { ChargeFailure, ChargeRail } from "@/lib/payments/charge";
import { inTransaction } from "@/lib/db/in-transaction";
import { recordPaymentEvent } from "@/lib/payments/record-payment-event";
import { recordUnstoredAcknowledgement } from "@/lib/payments/record-unstored-acknowledgement";
import { transitionPayment } from "@/lib/payments/transition";
import { firstQueryAt } from "@/lib/payments/query-schedule";
import { scheduleReconcile } from "@/lib/jobs/queues/schedule-reconcile";

/** A validated create request (lib/api/payment-schemas.ts parses the API's). */
export interface NewPaymentInput {
  amount: number;
  phone: string;
  reference: string;
  description?: string;
  metadata?: Record<string, string | number | boolean>;
}

export interface CreatePaymentOptions {
  storefrontId: string;
  mode: Mode;
  input: NewPaymentInput;
  /** The payment's provider (its collection account's rail, lib/collection-accounts/payment-daraja.ts): it makes the id, the callback URL and the push. */
  rail: ChargeRail;
  /** The collection account the rail charges through, recorded on the payment. */
  collectionAccountId?: string | null;
  expirySeconds: number;
  /**
   * When set, the payment's status reconciliation is scheduled in the transaction that records the
   * push's answer: the first STK query this many seconds after acceptance, or, for an unknown
   * outcome (nothing to query), a check at the deadline. Without it the periodic sweep covers it.
   */
  reconcileAfterSeconds?: number;
  /** Linked to the payment in the transaction that creates it, so a replay can always find it. */
  idempotencyKeyId?: string;
  logger?: Logger;
}

/**
 * - accepted: Daraja acknowledged the push; PENDING (or further, if its callback came first).
 * - unknown: the push's HTTP call ended without an answer, or Daraja's acknowledgement could not be
 *   stored; the prompt may be on the phone, so the payment stays INITIATING for a callback, a query
 *   or the expiry sweep to settle.
 * - rejected: Daraja refused the push; FAILED with failure_code mpesa_rejected.
 * - unavailable: nothing reached Daraja (spike arrest, connection refused). The payment is kept as
 *   FAILED with failure_code mpesa_unavailable, so every API attempt leaves a record, and the
 *   storefront retries with a new Idempotency-Key (hence a new payment): no prompt can exist for
 *   this one, so failing it is safe.
 */
export type CreatePaymentResult =
  | { kind: "accepted"; payment: Payment }
  | { kind: "unknown"; payment: Payment }
  | { kind: "rejected"; payment: Payment; message: string; error: ChargeFailure }
  | { kind: "unavailable"; payment: Payment; message: string; error: ChargeFailure };

/** Writes the INITIATING row, pushes the STK prompt, and records what Daraja said. */
export async function createPayment(db: Db, options: CreatePaymentOptions): Promise<CreatePaymentResult> {
  const { storefrontId, mode, input, rail, idempotencyKeyId } = options;
  const id = rail.newPaymentId(mode);
  const log = (options.logger ?? createLogger("payments")).child({ paymentId: id });
  const now = new Date();
  const expiresAt = new Date(now.getTime() + options.expirySeconds * 1000);

  // Committed before Daraja is called: whatever happens next, the attempt is on record.
  await inTransaction(db, async (tx) => {
    await tx.payment.create({
      data: {
        id, storefrontId, mode, amount: input.amount, phone: input.phone, reference: input.reference,
        description: input.description ?? null, metadata: (input.metadata ?? undefined) as Prisma.InputJsonValue | undefined,
        createdAt: now, expiresAt, collectionAccountId: options.collectionAccountId ?? null,
      },
    });
    await recordPaymentEvent(tx, { paymentId: id, type: "initiate", source: "api", toStatus: "INITIATING", data: { amount: input.amount, reference: input.reference } });
    if (idempotencyKeyId) await tx.idempotencyKey.update({ where: { id: idempotencyKeyId }, data: { paymentId: id } });
  });

  const push = await rail.startCharge({ paymentId: id, mode, amount: input.amount, phone: input.phone, reference: input.reference, description: input.description });
  log.info({ outcome: push.kind, phone: maskPhone(input.phone), amount: input.amount }, "STK push answered");

  switch (push.kind) {
    case "accepted": {
      const ids = { checkoutRequestId: push.checkoutRequestId, merchantRequestId: push.merchantRequestId };
      const acceptedAt = new Date();
      const firstQuery = options.reconcileAfterSeconds === undefined ? null
        : firstQueryAt(acceptedAt, expiresAt, { reconcileAfterSeconds: options.reconcileAfterSeconds });
      const stored = await inTransaction(db, async (tx) => {
        const result = await transitionPayment(tx, { paymentId: id, event: "accept", source: "api", patch: { ...ids, nextQueryAt: firstQuery }, data: { ...ids }, now: acceptedAt });
        if (result.kind === "applied") {
          if (firstQuery) await scheduleReconcile({ paymentId: id, at: firstQuery, tx });
          return result.payment;
        }
        // Its callback was applied first (that is how it knew the ids); keep the ids if it did not.
        await tx.payment.updateMany({ where: { id, checkoutRequestId: null }, data: ids });
        return tx.payment.findUniqueOrThrow({ where: { id } });
      }).then((payment) => ({ ok: true as const, payment }), (error: unknown) => ({ ok: false as const, error }));
      if (stored.ok) return { kind: "accepted", payment: stored.payment };
      // The prompt is on the phone whatever the database says: never a 500 that hides that.
      log.error({ err: stored.error, ...ids }, "Daraja accepted the push but its acknowledgement could not be stored; the payment stays initiating, outcome unknown");
      const payment = await recordUnstoredAcknowledgement(db, { paymentId: id, ids, error: stored.error, firstQueryAt: firstQuery ?? expiresAt, logger: log });
      if (!payment) {
        throw new AppError("service_unavailable", `M-Pesa accepted the payment request, but it could not be recorded. Do not retry with a new Idempotency-Key: the prompt is on the customer's phone. Check GET /api/v1/payments/${id} shortly.`, {
          details: { payment_id: id }, cause: stored.error,
        });
      }
      return { kind: "unknown", payment };
    }
    case "unknown": {
      const payment = await inTransaction(db, async (tx) => {
        const { count } = await tx.payment.updateMany({ where: { id, status: "INITIATING" }, data: { outcomeUnknown: true } });
        await recordPaymentEvent(tx, { paymentId: id, type: "outcome_unknown", source: "api", data: { reason: push.reason } });
        // Nothing can be queried without a CheckoutRequestID: a callback settles it, or its deadline.
        if (count === 1 && options.reconcileAfterSeconds !== undefined) await scheduleReconcile({ paymentId: id, at: expiresAt, tx });
        return tx.payment.findUniqueOrThrow({ where: { id } });
      });
      return { kind: "unknown", payment };
    }
    case "rejected":
    case "retryable": {
      const unavailable = push.kind === "retryable";
      const message = unavailable
        ? `M-Pesa could not take the payment request right now (${push.error.message}). No prompt was sent; retry with a new Idempotency-Key.`
        : `M-Pesa refused the payment request: ${push.error.message}`;
      const result = await transitionPayment(db, {
        paymentId: id,
        event: "reject",
        source: "api",
        patch: { failureCode: unavailable ? "mpesa_unavailable" : "mpesa_rejected", failureMessage: message },
        data: { kind: push.error.kind, errorCode: push.error.errorCode, httpStatus: push.error.httpStatus, field: push.error.field },
      });
      if (push.error.kind === "configuration") {
        log.error({ errorCode: push.error.errorCode, reason: push.error.message }, "Daraja refused our configuration");
      }
      return { kind: unavailable ? "unavailable" : "rejected", payment: result.payment, message, error: push.error };
    }
  }
}
