import type { Db } from "@/lib/db/client";
import type { Payment, Prisma } from "@/lib/generated/prisma/client";
import { serializePayment } from "@/lib/payments/serialize-payment";
import { emitWebhookEvent, emitWebhookEvents, type EmittedWebhookEvent } from "@/lib/webhooks/emit-webhook-event";

/**
 * A payment's storefront event (payment.succeeded, payment.updated…), carrying the payment as the
 * API shows it, written in the caller's transaction through the webhook outbox; `alongside`,
 * writes sent in the same statement (emitWebhookEvent).
 */
export function emitPaymentEvent(tx: Db, payment: Payment, type: string, now = new Date(), alongside: readonly Prisma.Sql[] = []): Promise<EmittedWebhookEvent> {
  return emitWebhookEvent(tx, subjectOf(payment), type, now, alongside);
}

/** The same for many payments in set-based statements (the expiry sweep). */
export function emitPaymentEvents(tx: Db, payments: readonly Payment[], type: string, now = new Date()): Promise<number> {
  return emitWebhookEvents(tx, payments.map(subjectOf), type, now);
}

function subjectOf(payment: Payment) {
  return { storefrontId: payment.storefrontId, mode: payment.mode, paymentId: payment.id, object: serializePayment(payment) };
}
