import type { Prisma, Refund, RefundStatus } from "@/lib/generated/prisma/client";
import { serializeRefund } from "@/lib/refunds/serialize-refund";
import { canTransitionRefund, REFUND_TRANSITIONS, REFUND_WEBHOOK_TYPES, type RefundEventName } from "@/lib/refunds/refund-state";
import { emitWebhookEvent } from "@/lib/webhooks/emit-webhook-event";

export interface TransitionRefundOptions {
  refundId: string;
  event: RefundEventName;
  /** The status the caller read under the refund's row lock. */
  from: RefundStatus;
  /** Fields written with the change (receipt, failure, decision, …). */
  data?: Prisma.RefundUpdateManyMutationInput;
  actorEmail: string | null;
  /** What the timeline keeps of it. */
  note?: Record<string, unknown>;
  now: Date;
}

/**
 * The one writer of a refund's status: a conditional update from the status the caller holds, its
 * timeline entry, and the storefront's event when it hears of it (refund.succeeded / refund.failed),
 * in the caller's transaction. Null when the table forbids the change or the row had moved.
 */
export async function transitionRefund(tx: Prisma.TransactionClient, o: TransitionRefundOptions): Promise<Refund | null> {
  if (!canTransitionRefund(o.event, o.from)) return null;
  const to = REFUND_TRANSITIONS[o.event].to;
  const [moved] = await tx.refund.updateManyAndReturn({ where: { id: o.refundId, status: o.from }, data: { ...o.data, status: to, updatedAt: o.now } });
  if (!moved) return null;
  await tx.refundEvent.create({ data: { refundId: o.refundId, type: o.event, fromStatus: o.from, toStatus: to, actorEmail: o.actorEmail, data: (o.note ?? {}) as Prisma.InputJsonValue, createdAt: o.now } });
  await emitRefundEvent(tx, moved, o.event, o.now);
  return moved;
}

/** The storefront's event for a refund's change, if it hears of that change, in the caller's transaction. */
export async function emitRefundEvent(tx: Prisma.TransactionClient, refund: Refund, event: RefundEventName, now: Date): Promise<void> {
  const type = REFUND_WEBHOOK_TYPES[event];
  if (!type) return;
  await emitWebhookEvent(tx, { storefrontId: refund.storefrontId, mode: refund.mode, paymentId: refund.paymentId, object: serializeRefund(refund) }, type, now);
}

/** Locks a refund's row for the transaction and reads it. */
export async function lockRefund(tx: Prisma.TransactionClient, refundId: string): Promise<Refund | null> {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM refunds WHERE id = ${refundId} FOR UPDATE`;
  return rows[0] ? tx.refund.findUnique({ where: { id: refundId } }) : null;
}
