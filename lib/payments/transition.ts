import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Payment, PaymentStatus, Prisma } from "@/lib/generated/prisma/client";
import { inTransaction } from "@/lib/payments/in-transaction";
import { recordPaymentEvent, type PaymentEventSource } from "@/lib/payments/record-payment-event";
import { isFinalStatus, targetOf, TRANSITIONS, webhookTypeFor, type PaymentEventName } from "@/lib/payments/state";
import { emitWebhookEvent } from "@/lib/webhooks/emit-webhook-event";

/** Fields a transition may set besides the status (Daraja ids, result, receipt, flags…). */
export type PaymentPatch = Omit<Prisma.PaymentUpdateManyMutationInput, "status" | "id" | "updatedAt">;

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
  const { paymentId, event, source, patch = {}, data, callbackLogId, actorUserId, now = new Date() } = options;
  const to = targetOf(event, options.to);
  const allowedFrom = [...TRANSITIONS[event].from];

  return inTransaction(db, async (tx) => {
    const from = await lockPaymentStatus(tx, paymentId);
    const { count } = await tx.payment.updateMany({
      where: { id: paymentId, status: { in: allowedFrom } },
      data: { ...timestampsFor(to, now), ...patch, status: to },
    });
    const entry = { paymentId, source, callbackLogId, actorUserId };
    if (count === 0) {
      await recordPaymentEvent(tx, { ...entry, type: "conflict", fromStatus: from, data: { event, attempted: to, ...data } });
      return { kind: "conflict", payment: await tx.payment.findUniqueOrThrow({ where: { id: paymentId } }), from, to };
    }
    await recordPaymentEvent(tx, { ...entry, type: event, fromStatus: from, toStatus: to, data });
    const payment = await tx.payment.findUniqueOrThrow({ where: { id: paymentId } });
    const webhookType = webhookTypeFor(to);
    if (webhookType) await emitWebhookEvent(tx, payment, webhookType, now);
    return { kind: "applied", payment, from, to };
  });
}

/** Locks the payment's row for the rest of the transaction and returns its current status. */
export async function lockPaymentStatus(tx: Prisma.TransactionClient, paymentId: string): Promise<PaymentStatus> {
  const rows = await tx.$queryRaw<{ status: PaymentStatus }[]>`SELECT status FROM payments WHERE id = ${paymentId} FOR UPDATE`;
  const row = rows[0];
  if (!row) throw new AppError("not_found", `No such payment: ${paymentId}`, { param: "id" });
  return row.status;
}

function timestampsFor(to: PaymentStatus, now: Date): PaymentPatch {
  if (to === "PENDING") return { acceptedAt: now };
  if (isFinalStatus(to)) return { completedAt: now };
  return {};
}
