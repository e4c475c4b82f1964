import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { Prisma, type Payment, type PaymentStatus } from "@/lib/generated/prisma/client";
import { PAYMENT_FIELDS_OF_P, paymentAssignments, type PaymentValues } from "@/lib/payments/payment-columns";
import { statusInSql } from "@/lib/payments/status-sql";
import { inTransaction } from "@/lib/db/in-transaction";
import { paymentEventInsert, recordPaymentEvent, type PaymentEventSource } from "@/lib/payments/record-payment-event";
import { isFinalStatus, targetOf, TRANSITIONS, webhookTypeForTransition, type PaymentEventName } from "@/lib/payments/state";
import { emitPaymentEvent, emitPaymentEvents } from "@/lib/payments/emit-payment-event";

/** Fields a transition may set besides the status (Daraja ids, result, receipt, flags…): plain values, set by one raw UPDATE. */
export type PaymentPatch = PaymentValues;

export interface TransitionOptions {
  paymentId: string;
  /** `initiate` is the row's creation (createPayment), never an update. */
  event: Exclude<PaymentEventName, "initiate">;
  /** Required when the event has several targets (resolve). */
  to?: PaymentStatus;
  source: PaymentEventSource;
  patch?: PaymentPatch;
  /** Stored on the timeline entry. */
  data?: Record<string, unknown>;
  callbackLogId?: bigint | null;
  actorUserId?: string | null;
  now?: Date;
  /**
   * The status the caller read while holding the payment's row lock in this same transaction (the
   * settle path does): the lock is then not taken again. Never pass a status read without the lock.
   */
  lockedStatus?: PaymentStatus;
  /** Writes of the caller's sent in the statement of the timeline entry (the attempt's record): no round trip of their own. */
  alongside?: readonly Prisma.Sql[];
}

export type TransitionResult =
  | { kind: "applied"; payment: Payment; from: PaymentStatus; to: PaymentStatus }
  /** The payment was not in a state the event may leave: a `conflict` entry was recorded, nothing changed. */
  | { kind: "conflict"; payment: Payment; from: PaymentStatus; to: PaymentStatus };

/**
 * The one function that writes a payment's status. In one transaction (the caller's, or its own):
 * a conditional update on the allowed from-states, the timeline entry, and the storefront event for
 * final states and REVIEW. The row lock taken first only makes `from` exact for the timeline and
 * queues concurrent writers; the update's own condition is what decides.
 */
export async function transitionPayment(db: Db, options: TransitionOptions): Promise<TransitionResult> {
  const { paymentId, event, source, patch = {}, data, callbackLogId, actorUserId, now = new Date(), alongside = [] } = options;
  const to = targetOf(event, options.to);
  const allowedFrom = [...TRANSITIONS[event].from];

  return inTransaction(db, async (tx) => {
    // The same raw conditional UPDATE … RETURNING as transitionPayments' (Prisma's updateManyAndReturn
    // costs several times the statement in its runtime, on every callback and push). Without a
    // status read under the lock, the statement takes the lock itself and returns the status it
    // found, updated or not: one statement. The lock is a CTE because PostgreSQL never inlines a
    // locking CTE, so the status is read under the lock (a FOR UPDATE subquery could be filtered by
    // the outer condition first and lock nothing).
    const assignments = Prisma.join([...paymentAssignments({ ...timestampsFor(to, now), ...patch }), Prisma.sql`status = ${to}::"PaymentStatus"`, Prisma.sql`updated_at = ${new Date()}`]);
    let from = options.lockedStatus;
    let payment: Payment | undefined;
    if (from) {
      [payment] = await tx.$queryRaw<Payment[]>`
        UPDATE payments p SET ${assignments}
         WHERE p.id = ${paymentId} AND ${statusInSql(allowedFrom, "p.status")}
        RETURNING ${PAYMENT_FIELDS_OF_P}`;
    } else {
      const [row] = await tx.$queryRaw<(Payment & { lockedStatus: PaymentStatus })[]>`
        WITH locked AS (SELECT id, status FROM payments WHERE id = ${paymentId} FOR UPDATE),
             updated AS (
               UPDATE payments p SET ${assignments}
                 FROM locked
                WHERE p.id = locked.id AND ${statusInSql(allowedFrom, "locked.status")}
               RETURNING ${PAYMENT_FIELDS_OF_P})
        SELECT updated.*, locked.status::text AS "lockedStatus" FROM locked LEFT JOIN updated ON true`;
      if (!row) throw new AppError("not_found", `No such payment: ${paymentId}`, { param: "id" });
      const { lockedStatus, ...updated } = row;
      from = lockedStatus;
      if (updated.id) payment = updated;
    }
    const entry = { paymentId, source, callbackLogId, actorUserId };
    if (!payment) {
      await recordPaymentEvent(tx, { ...entry, type: "conflict", fromStatus: from, data: { event, attempted: to, ...data } }, alongside);
      return { kind: "conflict", payment: await tx.payment.findUniqueOrThrow({ where: { id: paymentId } }), from, to };
    }
    const timelineEntry = { ...entry, type: event, fromStatus: from, toStatus: to, data };
    const webhookType = webhookTypeForTransition(event, to);
    // The timeline entry rides in the storefront event's statement when there is one.
    if (webhookType) await emitPaymentEvent(tx, payment, webhookType, now, [...alongside, paymentEventInsert(timelineEntry)]);
    else await recordPaymentEvent(tx, timelineEntry, alongside);
    return { kind: "applied", payment, from, to };
  });
}

export interface BulkTransitionOptions extends Omit<TransitionOptions, "paymentId" | "callbackLogId" | "patch" | "lockedStatus" | "alongside"> {
  patch?: PaymentValues;
  /** The payments, each with the status the caller read while holding its row lock. */
  locked: readonly { id: string; status: PaymentStatus }[];
}

/**
 * transitionPayment for many payments in one go (the expiry sweep), with the same rules and the same
 * writes: one conditional update for all of them, their timeline entries and storefront events, in
 * set-based statements. The caller must hold the rows' locks (SELECT … FOR UPDATE) inside `tx`, so
 * the statuses it passes are exact. Payments the update did not match get a `conflict` entry.
 */
export async function transitionPayments(tx: Prisma.TransactionClient, options: BulkTransitionOptions): Promise<Payment[]> {
  const { locked, event, source, patch = {}, data, actorUserId, now = new Date() } = options;
  if (locked.length === 0) return [];
  const to = targetOf(event, options.to);
  const allowedFrom = [...TRANSITIONS[event].from];
  // One raw UPDATE … RETURNING: the same conditional update as transitionPayment's, without Prisma's
  // per-row result mapping; updated_at set as Prisma's @updatedAt sets it (this process's clock).
  const assignments = paymentAssignments({ ...timestampsFor(to, now), ...patch });
  const updated = await tx.$queryRaw<Payment[]>`
    UPDATE payments p SET ${Prisma.join([...assignments, Prisma.sql`status = ${to}::"PaymentStatus"`, Prisma.sql`updated_at = ${new Date()}`])}
     WHERE p.id = ANY(${locked.map((l) => l.id)}) AND ${statusInSql(allowedFrom, "p.status")}
    RETURNING ${PAYMENT_FIELDS_OF_P}`;
  const moved = new Set(updated.map((p) => p.id));
  // One statement for every timeline entry: Prisma's createMany costs far more per row at this size.
  const entries = locked.map((p) => moved.has(p.id)
    ? { payment_id: p.id, type: event, from_status: p.status, to_status: to, data: data ?? null }
    : { payment_id: p.id, type: "conflict", from_status: p.status, to_status: null, data: { event, attempted: to, ...data } });
  await tx.$executeRaw`
    INSERT INTO payment_events (payment_id, type, source, from_status, to_status, data, actor_user_id, created_at)
    SELECT e.payment_id, e.type, ${source}, e.from_status::"PaymentStatus", e.to_status::"PaymentStatus", e.data, ${actorUserId ?? null}, ${now}
      FROM jsonb_to_recordset(${JSON.stringify(entries)}::jsonb) AS e(payment_id text, type text, from_status text, to_status text, data jsonb)`;
  const webhookType = webhookTypeForTransition(event, to);
  if (webhookType) await emitPaymentEvents(tx, updated, webhookType, now);
  return updated;
}

/** Locks the payment's row for the rest of the transaction and returns its current status. */
export async function lockPaymentStatus(tx: Prisma.TransactionClient, paymentId: string): Promise<PaymentStatus> {
  const rows = await tx.$queryRaw<{ status: PaymentStatus }[]>`SELECT status FROM payments WHERE id = ${paymentId} FOR UPDATE`;
  const row = rows[0];
  if (!row) throw new AppError("not_found", `No such payment: ${paymentId}`, { param: "id" });
  return row.status;
}

function timestampsFor(to: PaymentStatus, now: Date): PaymentValues {
  if (to === "PENDING") return { acceptedAt: now };
  // Only an expired payment is still asked about (post-expiry reconciliation); the others are settled.
  if (to === "EXPIRED") return { completedAt: now };
  if (isFinalStatus(to)) return { completedAt: now, nextQueryAt: null };
  if (to === "REVIEW") return { nextQueryAt: null };
  return {};
}
