import type { PrismaClient, Mode, Payment, PaymentStatus } from "@/lib/generated/prisma/client";
import { createId } from "@/lib/ids";
import { emitPaymentEvent } from "@/lib/payments/emit-payment-event";
import { encryptSecret } from "@/lib/crypto/secret-box";
import { generateEndpointSecret } from "@/lib/webhooks/endpoint-secrets";
import { insertFirstAttempts } from "@/lib/testing/attempt-fixtures";

export const TEST_DATA_SECRET = "webhook-tests-data-secret-0123456789abcdef";
/** The test storefronts listen on loopback: these tests allow private targets, explicitly. */
export const LOOPBACK_TARGETS = { allowPrivate: true, requireHttps: false } as const;

export interface EndpointFixture {
  storefrontId: string;
  endpointId: string;
  secret: string;
  mode: Mode;
}

/** A storefront with one enabled webhook endpoint of `mode`, its secret encrypted as in production. */
export async function createEndpointFixture(db: PrismaClient, { url, mode = "TEST" }: { url: string; mode?: Mode }): Promise<EndpointFixture> {
  const storefrontId = createId("sf");
  const secret = generateEndpointSecret();
  await db.storefront.create({ data: { id: storefrontId, name: `Webhook test shop ${storefrontId.slice(-4)}` } });
  const endpoint = await db.webhookEndpoint.create({
    data: { id: createId("we"), storefrontId, mode, url, secretEncrypted: encryptSecret(secret, TEST_DATA_SECRET) },
  });
  return { storefrontId, endpointId: endpoint.id, secret, mode };
}

/** A payment row of the storefront, in `status`, as the payment core would have left it. */
export async function createPaymentFixture(db: PrismaClient, { storefrontId, mode, status = "PENDING" }: { storefrontId: string; mode: Mode; status?: PaymentStatus }): Promise<Payment> {
  const now = new Date();
  const payment = await db.payment.create({
    data: {
      id: createId("pay"), storefrontId, mode, status, amount: 150, phone: "254708374149", reference: "INV-1001",
      description: "Order 1001", createdAt: now, expiresAt: new Date(now.getTime() + 900_000),
    },
  });
  await insertFirstAttempts(db, [payment.id]);
  return payment;
}

/** A payment and one event about it, emitted through the payment core's own emitter. */
export async function emitEventFixture(db: PrismaClient, endpoint: EndpointFixture, type = "payment.succeeded"): Promise<{ eventId: string; deliveryId: string; paymentId: string }> {
  const payment = await createPaymentFixture(db, { storefrontId: endpoint.storefrontId, mode: endpoint.mode, status: "SUCCEEDED" });
  const { eventId } = await db.$transaction((tx) => emitPaymentEvent(tx, payment, type));
  const delivery = await db.webhookDelivery.findUniqueOrThrow({ where: { eventId_endpointId: { eventId, endpointId: endpoint.endpointId } } });
  return { eventId, deliveryId: delivery.id, paymentId: payment.id };
}
