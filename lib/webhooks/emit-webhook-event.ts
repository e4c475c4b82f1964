import type { Db } from "@/lib/db";
import type { Payment, Prisma } from "@/lib/generated/prisma/client";
import { createId } from "@/lib/ids";
import { serializePayment } from "@/lib/payments/serialize-payment";

export interface EmittedWebhookEvent {
  eventId: string;
  deliveries: number;
}

/**
 * Records a storefront event and one pending delivery per enabled endpoint of the payment's
 * storefront and mode. Runs in the caller's transaction, so the event exists if and only if the
 * change that caused it was committed. Delivery itself (signing, HTTP, retries) happens elsewhere.
 */
export async function emitWebhookEvent(tx: Db, payment: Payment, type: string, now = new Date()): Promise<EmittedWebhookEvent> {
  const eventId = createId("evt");
  const payload = {
    id: eventId,
    type,
    created: now.toISOString(),
    livemode: payment.mode === "LIVE",
    data: { object: serializePayment(payment) },
  };
  await tx.webhookEvent.create({
    data: { id: eventId, storefrontId: payment.storefrontId, paymentId: payment.id, mode: payment.mode, type, payload: payload as Prisma.InputJsonValue, createdAt: now },
  });
  const endpoints = await tx.webhookEndpoint.findMany({
    where: { storefrontId: payment.storefrontId, mode: payment.mode, enabled: true, disabledAt: null },
    select: { id: true },
  });
  if (endpoints.length > 0) {
    await tx.webhookDelivery.createMany({
      data: endpoints.map((endpoint) => ({ id: createId("whd"), eventId, endpointId: endpoint.id, status: "PENDING" as const, nextAttemptAt: now })),
    });
  }
  return { eventId, deliveries: endpoints.length };
}
