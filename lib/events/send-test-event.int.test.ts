import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findEndpointDeliveries } from "@/lib/events/find-endpoint-deliveries";
import { findEvents } from "@/lib/events/find-events";
import { listEventsQuerySchema } from "@/lib/events/schemas";
import { sendTestEvent, TEST_EVENT_TYPE } from "@/lib/events/send-test-event";
import { createId } from "@/lib/ids";
import { webhookDispatchJob } from "@/lib/webhooks/webhook-dispatch-job";
import { eventually, startGateway, type Gateway, type TestStorefront } from "@/lib/testing/gateway";
import { startWebhookReceiver, type WebhookReceiver } from "@/lib/testing/webhook-receiver";
import { encryptSecret } from "@/lib/crypto/secret-box";
import { generateEndpointSecret } from "@/lib/webhooks/endpoint-secrets";
import { verifyMalipoSignature } from "@/lib/webhooks/verify-signature";

/** "Send test event": through the real outbox and dispatcher to a storefront on loopback, signed, logged, audited. */
describe("sendTestEvent", () => {
  let gw: Gateway;
  let receiver: WebhookReceiver;
  let shop: TestStorefront;
  let endpointId: string;
  const secret = generateEndpointSecret();
  const actor = { id: null, email: "admin@example.test" };

  beforeAll(async () => {
    receiver = await startWebhookReceiver((nth) => (nth === 1 ? { status: 503, body: "busy" } : { status: 200 }));
    gw = await startGateway({ jobs: [webhookDispatchJob], env: { WEBHOOK_BACKOFF_BASE_SECONDS: "1", WEBHOOK_BACKOFF_MAX_SECONDS: "1" } });
    shop = await gw.createStorefront("Ping shop");
    endpointId = createId("we");
    await gw.db.webhookEndpoint.create({ data: { id: endpointId, storefrontId: shop.id, mode: "TEST", url: receiver.url, secretEncrypted: encryptSecret(secret, gw.env.secrets.data) } });
  });
  afterAll(async () => {
    await gw?.close();
    await receiver?.close();
  });

  it("delivers a signed test.ping, retries it like any event, and logs every attempt", async () => {
    const { eventId, deliveryId } = await sendTestEvent(gw.db, { storefrontId: shop.id, endpointId, actor, ip: "127.0.0.1" });
    const hook = await eventually(() => receiver.received.find((h) => h.eventId === eventId && receiver.received.filter((r) => r.eventId === eventId).length === 2), 20_000);
    expect(verifyMalipoSignature({ payload: hook.body, header: hook.signature, secret }).valid).toBe(true);
    expect(JSON.parse(hook.body)).toMatchObject({ id: eventId, type: TEST_EVENT_TYPE, livemode: false, data: { object: { object: "test", endpoint_id: endpointId } } });

    const log = await eventually(async () => {
      const found = await findEndpointDeliveries(gw.db, { storefrontId: shop.id, endpointId, status: "succeeded", page: 1 });
      return found?.deliveries.find((d) => d.id === deliveryId) && found;
    }, 20_000);
    const delivery = log.deliveries.find((d) => d.id === deliveryId)!;
    expect(delivery.attempts.map((a) => [a.attemptNumber, a.statusCode])).toEqual([[2, 200], [1, 503]]);
    expect(delivery.attempts[1]!.responseExcerpt).toBe("busy");
    expect(await gw.db.auditLog.count({ where: { action: "webhook_endpoint.send_test", entityId: endpointId } })).toBe(1);
    // Not an event of the events API: it changed nothing.
    const events = await findEvents(gw.db, { ...listEventsQuerySchema.parse({}), storefrontId: shop.id, mode: "TEST" });
    expect(events.data.map((e) => e.id)).not.toContain(eventId);
  });

  it("refuses a disabled endpoint and another storefront's endpoint, queueing nothing", async () => {
    const other = await gw.createStorefront("Other");
    await expect(sendTestEvent(gw.db, { storefrontId: other.id, endpointId, actor })).rejects.toMatchObject({ code: "not_found" });
    await gw.db.webhookEndpoint.update({ where: { id: endpointId }, data: { enabled: false, disabledAt: new Date() } });
    const before = await gw.db.webhookEvent.count();
    await expect(sendTestEvent(gw.db, { storefrontId: shop.id, endpointId, actor })).rejects.toMatchObject({ code: "invalid_state" });
    expect(await gw.db.webhookEvent.count()).toBe(before);
    expect(await findEndpointDeliveries(gw.db, { storefrontId: other.id, endpointId, status: "all", page: 1 })).toBeNull();
  });
});
