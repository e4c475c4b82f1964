import type { Db } from "@/lib/db/client";
import { writesAlongside } from "@/lib/db/writes-alongside";
import { Prisma, type Mode } from "@/lib/generated/prisma/client";
import { createId } from "@/lib/ids";

/** What an event is about: its storefront and mode, its payment (if any), and the object it carries. */
export interface WebhookSubject {
  storefrontId: string;
  mode: Mode;
  /** Null for an event about no payment (a C2B receipt nobody's payment matched). */
  paymentId: string | null;
  /** `data.object` of the payload: the payment as the API shows it (lib/payments/emit-payment-event.ts), or a C2B receipt. */
  object: unknown;
}

export interface EmittedWebhookEvent {
  eventId: string;
  deliveries: number;
}

/**
 * Records a storefront event and one pending delivery per enabled endpoint of the subject's
 * storefront and mode: the outbox (lib/payments/emit-payment-event.ts is how payments use it). It
 * runs in the caller's transaction, so the event exists if and only if the change that caused it
 * was committed. Delivery itself (signing, HTTP, retries) happens elsewhere. `alongside` are writes
 * of the caller's sent in the same statement (lib/db/writes-alongside.ts), to save their round
 * trips: the timeline entry of the transition that caused the event, the attempt's record.
 */
export async function emitWebhookEvent(tx: Db, subject: WebhookSubject, type: string, now = new Date(), alongside: readonly Prisma.Sql[] = []): Promise<EmittedWebhookEvent> {
  const eventId = createId("evt");
  const payload = {
    id: eventId,
    type,
    created: now.toISOString(),
    livemode: subject.mode === "LIVE",
    data: { object: subject.object },
  };
  // The event's insert and the lookup of its endpoints in one statement: this runs for every settled payment.
  const endpoints = await tx.$queryRaw<{ id: string }[]>`
    WITH ${alongside.length > 0 ? Prisma.sql`${writesAlongside(alongside)},` : Prisma.empty} event AS (
      INSERT INTO webhook_events (id, storefront_id, payment_id, mode, type, payload, created_at)
      VALUES (${eventId}, ${subject.storefrontId}, ${subject.paymentId}, ${subject.mode}::"Mode", ${type}, ${JSON.stringify(payload)}::jsonb, ${now})
      RETURNING id
    )
    SELECT e.id FROM webhook_endpoints e, event
     WHERE e.storefront_id = ${subject.storefrontId} AND e.mode = ${subject.mode}::"Mode" AND e.enabled AND e.disabled_at IS NULL`;
  if (endpoints.length > 0) {
    await tx.webhookDelivery.createMany({
      data: endpoints.map((endpoint) => ({ id: createId("whd"), eventId, endpointId: endpoint.id, status: "PENDING" as const, nextAttemptAt: now })),
    });
  }
  return { eventId, deliveries: endpoints.length };
}

/**
 * The same for many subjects at once (the expiry sweep): three set-based statements however many
 * payments, each row passed in one JSON parameter, in the caller's transaction. Returns the number
 * of events written.
 */
export async function emitWebhookEvents(tx: Db, subjects: readonly WebhookSubject[], type: string, now = new Date()): Promise<number> {
  if (subjects.length === 0) return 0;
  const events = subjects.map((subject) => {
    const id = createId("evt");
    const payload = { id, type, created: now.toISOString(), livemode: subject.mode === "LIVE", data: { object: subject.object } };
    return { id, storefront_id: subject.storefrontId, payment_id: subject.paymentId, mode: subject.mode, payload };
  });
  await tx.$executeRaw`
    INSERT INTO webhook_events (id, storefront_id, payment_id, mode, type, payload, created_at)
    SELECT e.id, e.storefront_id, e.payment_id, e.mode::"Mode", ${type}, e.payload, ${now}
      FROM jsonb_to_recordset(${JSON.stringify(events)}::jsonb) AS e(id text, storefront_id text, payment_id text, mode text, payload jsonb)`;
  const scopes = [...new Map(subjects.map((p) => [`${p.storefrontId}|${p.mode}`, { storefrontId: p.storefrontId, mode: p.mode }])).values()];
  const endpoints = await tx.webhookEndpoint.findMany({
    where: { OR: scopes, enabled: true, disabledAt: null },
    select: { id: true, storefrontId: true, mode: true },
  });
  const deliveries = events.flatMap((event) => endpoints
    .filter((endpoint) => endpoint.storefrontId === event.storefront_id && endpoint.mode === event.mode)
    .map((endpoint) => ({ id: createId("whd"), event_id: event.id, endpoint_id: endpoint.id })));
  if (deliveries.length > 0) {
    await tx.$executeRaw`
      INSERT INTO webhook_deliveries (id, event_id, endpoint_id, status, next_attempt_at, updated_at)
      SELECT d.id, d.event_id, d.endpoint_id, 'PENDING', ${now}, ${now}
        FROM jsonb_to_recordset(${JSON.stringify(deliveries)}::jsonb) AS d(id text, event_id text, endpoint_id text)`;
  }
  return events.length;
}
