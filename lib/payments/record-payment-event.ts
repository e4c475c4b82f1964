import type { Db } from "@/lib/db/client";
import type { PaymentStatus, Prisma } from "@/lib/generated/prisma/client";
import { PAYMENT_EVENTS } from "@/lib/payments/state";

/**
 * Timeline entries besides the transitions themselves. The dashboard renders these names, so the
 * list is closed: a transition is recorded under its event name, anything else under one of these.
 */
export const PAYMENT_EVENT_TYPES = [
  ...PAYMENT_EVENTS,
  // A transition whose conditional update matched no row: the payment had moved meanwhile.
  "conflict",
  // A callback identical to one already applied.
  "duplicate",
  // A callback that contradicts a state it may not change (a failure after a success, …).
  "stale",
  // A success callback supplied the receipt of a payment that was settled without one.
  "receipt_filled",
  // An STK push query and its answer (final, still processing, or unanswered), whoever asked.
  "query",
  // The push's HTTP call ended without an answer: the prompt may be on the phone.
  "outcome_unknown",
  // A callback whose token does not belong to the payment it names.
  "callback_rejected",
  // An admin queued a parked callback for processing again.
  "callback_requeued",
  // The ledger check found no line of M-Pesa's ledger for this success in a stretch a complete source read.
  "ledger_missing",
  // A ledger line for a payment flagged missing arrived: the flag is cleared.
  "ledger_found",
  // A person asked M-Pesa's Transaction Status about a receipt for this payment.
  "receipt_lookup",
  // That request's result (or its refusal, or its queue timeout) came back.
  "receipt_lookup_result",
  // A refund of this payment was asked for, decided, sent or settled (its own timeline has the detail).
  "refund",
] as const;

export type PaymentEventType = (typeof PAYMENT_EVENT_TYPES)[number];
export type PaymentEventSource = "api" | "callback" | "query" | "ledger" | "c2b" | "sweep" | "admin" | "checkout" | "system";

export interface RecordPaymentEventOptions {
  paymentId: string;
  type: PaymentEventType;
  source: PaymentEventSource;
  fromStatus?: PaymentStatus | null;
  toStatus?: PaymentStatus | null;
  data?: Record<string, unknown>;
  callbackLogId?: bigint | null;
  actorUserId?: string | null;
}

/** Appends one entry to a payment's timeline (append-only: nothing ever updates these rows). */
export async function recordPaymentEvent(db: Db, options: RecordPaymentEventOptions): Promise<void> {
  await db.paymentEvent.create({
    data: {
      paymentId: options.paymentId,
      type: options.type,
      source: options.source,
      fromStatus: options.fromStatus ?? null,
      toStatus: options.toStatus ?? null,
      data: options.data === undefined ? undefined : (stripUndefined(options.data) as Prisma.InputJsonValue),
      callbackLogId: options.callbackLogId ?? null,
      actorUserId: options.actorUserId ?? null,
    },
  });
}

// JSON columns reject `undefined` members deep inside; dropping them keeps callers terse.
function stripUndefined(value: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
}
