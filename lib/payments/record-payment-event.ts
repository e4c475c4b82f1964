import type { Db } from "@/lib/db/client";
import { writesAlongside } from "@/lib/db/writes-alongside";
import { Prisma, type PaymentStatus } from "@/lib/generated/prisma/client";
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

/**
 * Appends one entry to a payment's timeline (append-only: nothing ever updates these rows), with
 * the caller's `alongside` writes in the same statement (lib/db/writes-alongside.ts).
 */
export async function recordPaymentEvent(db: Db, options: RecordPaymentEventOptions, alongside: readonly Prisma.Sql[] = []): Promise<void> {
  await db.$executeRaw`${alongside.length > 0 ? Prisma.sql`WITH ${writesAlongside(alongside)}` : Prisma.empty} ${paymentEventInsert(options)}`;
}

/**
 * The INSERT of one timeline entry, for a caller that sends it inside a statement of its own (a
 * transition sends it with the storefront event it emits: one round trip for both). The entry is
 * stamped with this process's clock when built, as Prisma stamps `@default(now())`, so entries keep
 * the order they were recorded in.
 */
export function paymentEventInsert(options: RecordPaymentEventOptions): Prisma.Sql {
  // JSON.stringify drops `undefined` members, which a JSON column would reject.
  const data = options.data === undefined ? null : JSON.stringify(options.data);
  return Prisma.sql`
    INSERT INTO payment_events (payment_id, type, source, from_status, to_status, data, callback_log_id, actor_user_id, created_at)
    VALUES (${options.paymentId}, ${options.type}, ${options.source}, ${options.fromStatus ?? null}::"PaymentStatus", ${options.toStatus ?? null}::"PaymentStatus",
            ${data}::jsonb, ${options.callbackLogId ?? null}, ${options.actorUserId ?? null}, ${new Date()})`;
}
