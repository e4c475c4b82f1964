import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrisma } from "@/lib/db/client";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { transitionPayment } from "@/lib/payments/transition";
import { startDispatchLoop } from "@/lib/testing/dispatch-loop";
import { eventually } from "@/lib/testing/gateway";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { createEndpointFixture, createPaymentFixture, emitEventFixture, LOOPBACK_TARGETS, TEST_DATA_SECRET } from "@/lib/testing/webhook-fixtures";
import { startWebhookReceiver, type WebhookReceiver } from "@/lib/testing/webhook-receiver";
import { claimDueDeliveries } from "@/lib/webhooks/claim-due-deliveries";
import { WEBHOOK_USER_AGENT } from "@/lib/webhooks/dispatch-webhooks";
import { rotateEndpointSecret } from "@/lib/webhooks/endpoint-secrets";
import { paymentEventSchema } from "@/lib/payments/webhook-event-schema";
import { verifyMalipoSignature } from "@/lib/webhooks/verify-signature";

const settings = { timeoutMs: 2000, maxAgeSeconds: 60, backoffBaseSeconds: 1, backoffMaxSeconds: 60, disableAfterSeconds: 3600 };
const dispatchOptions = { settings, dataSecret: TEST_DATA_SECRET, random: () => 0, targets: LOOPBACK_TARGETS };

describe("webhook delivery to a storefront", () => {
  let database: TestDatabase;
  let db: PrismaClient;
  const receivers: WebhookReceiver[] = [];
  const receiver = async (...args: Parameters<typeof startWebhookReceiver>) => {
    const r = await startWebhookReceiver(...args);
    receivers.push(r);
    return r;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    db = createPrisma(database.url, 6);
  });
  afterAll(async () => {
    for (const r of receivers) await r.close();
    await db.$disconnect();
    await database.drop();
  });

  it("delivers each event type once per state change, signed so the documented helper verifies it", async () => {
    const testShop = await receiver();
    const liveShop = await receiver();
    const endpoint = await createEndpointFixture(db, { url: testShop.url, mode: "TEST" });
    await db.webhookEndpoint.create({ data: { id: "we_live_same_shop", storefrontId: endpoint.storefrontId, mode: "LIVE", url: liveShop.url, secretEncrypted: "v1.never.used.here" } });
    const changes = [["succeed", "payment.succeeded"], ["fail", "payment.failed"], ["cancel", "payment.cancelled"], ["expire", "payment.expired"], ["review", "payment.review"]] as const;
    const paymentFor = new Map<string, string>();
    for (const [event, type] of changes) {
      const payment = await createPaymentFixture(db, { storefrontId: endpoint.storefrontId, mode: "TEST", status: "PENDING" });
      await transitionPayment(db, { paymentId: payment.id, event, source: "callback" });
      paymentFor.set(type, payment.id);
    }
    // A repeated outcome changes nothing and so announces nothing.
    await transitionPayment(db, { paymentId: paymentFor.get("payment.succeeded")!, event: "succeed", source: "callback" });

    const loop = startDispatchLoop(db, dispatchOptions);
    await eventually(() => testShop.received.length >= changes.length);
    await new Promise((r) => setTimeout(r, 1500));
    await loop.stop();

    expect(testShop.received).toHaveLength(changes.length);
    expect(liveShop.received).toHaveLength(0);
    const types = new Set<string>();
    for (const hook of testShop.received) {
      const event = paymentEventSchema.parse(JSON.parse(hook.body));
      types.add(event.type);
      expect(event.livemode).toBe(false);
      expect(event.data.object.id).toBe(paymentFor.get(event.type));
      expect(hook.eventId).toBe(event.id);
      expect(hook.headers["content-type"]).toBe("application/json");
      expect(hook.headers["user-agent"]).toBe(WEBHOOK_USER_AGENT);
      expect(hook.body).not.toContain(endpoint.secret);
      expect(hook.body).not.toContain("whsec_");

      const result = verifyMalipoSignature({ payload: hook.body, header: hook.signature, secret: endpoint.secret });
      expect(result).toMatchObject({ valid: true });
      const signedAt = (result as { timestamp: number }).timestamp;
      expect(Math.abs(signedAt - hook.receivedAt / 1000)).toBeLessThan(5);
      const tampered = hook.body.replace(/"amount":\d+/, '"amount":1');
      expect(tampered).not.toBe(hook.body);
      expect(verifyMalipoSignature({ payload: tampered, header: hook.signature, secret: endpoint.secret })).toEqual({ valid: false, reason: "signature_mismatch" });
      expect(verifyMalipoSignature({ payload: hook.body, header: hook.signature, secret: endpoint.secret, now: signedAt + 301 })).toEqual({ valid: false, reason: "timestamp_out_of_tolerance" });
    }
    expect([...types].sort()).toEqual(changes.map(([, type]) => type).sort());
    const deliveries = await db.webhookDelivery.findMany({ where: { endpointId: endpoint.endpointId }, include: { attempts: true } });
    expect(deliveries).toHaveLength(changes.length);
    for (const d of deliveries) {
      expect(d).toMatchObject({ status: "SUCCEEDED", attemptCount: 1, nextAttemptAt: null });
      expect(d.deliveredAt).not.toBeNull();
      expect(d.attempts).toEqual([expect.objectContaining({ attemptNumber: 1, statusCode: 200, responseExcerpt: "ok", error: null })]);
    }
  });

  it("signs with both secrets during a rotation's grace period, and with the new one only after it", async () => {
    const shop = await receiver();
    const endpoint = await createEndpointFixture(db, { url: shop.url });
    const { secret: newSecret } = await rotateEndpointSecret(db, {
      endpointId: endpoint.endpointId, storefrontId: endpoint.storefrontId, actor: { id: null, email: "admin@example.com" },
      reason: "scheduled rotation", dataSecret: TEST_DATA_SECRET, graceSeconds: 3600,
    });
    const loop = startDispatchLoop(db, dispatchOptions);
    try {
      await emitEventFixture(db, endpoint);
      const [during] = await eventually(() => shop.received.length === 1 && shop.received);
      expect(during!.signature.match(/v1=/g)).toHaveLength(2);
      expect(verifyMalipoSignature({ payload: during!.body, header: during!.signature, secret: newSecret }).valid).toBe(true);
      expect(verifyMalipoSignature({ payload: during!.body, header: during!.signature, secret: endpoint.secret }).valid).toBe(true);

      await db.webhookEndpoint.update({ where: { id: endpoint.endpointId }, data: { previousSecretExpiresAt: new Date(Date.now() - 1000) } });
      await emitEventFixture(db, endpoint);
      const after = await eventually(() => shop.received.length === 2 && shop.received[1]);
      expect(after.signature.match(/v1=/g)).toHaveLength(1);
      expect(verifyMalipoSignature({ payload: after.body, header: after.signature, secret: newSecret }).valid).toBe(true);
      expect(verifyMalipoSignature({ payload: after.body, header: after.signature, secret: endpoint.secret })).toEqual({ valid: false, reason: "signature_mismatch" });
    } finally {
      await loop.stop();
    }
  });

  it("retries a delivery whose sender died mid-send once its claim lapses: a repeat at worst, never a loss", async () => {
    const shop = await receiver();
    const endpoint = await createEndpointFixture(db, { url: shop.url });
    const { deliveryId } = await emitEventFixture(db, endpoint);
    const now = new Date();
    // A dispatcher claims it and dies before sending or recording anything.
    const claimed = await claimDueDeliveries(db, { now, limit: 10, leaseMs: 1500, horizonStart: new Date(now.getTime() - 60_000) });
    expect(claimed.map((c) => c.id)).toEqual([deliveryId]);

    const loop = startDispatchLoop(db, dispatchOptions);
    try {
      await new Promise((r) => setTimeout(r, 1000));
      expect(shop.received).toHaveLength(0);
      await eventually(async () => (await db.webhookDelivery.findUnique({ where: { id: deliveryId } }))?.status === "SUCCEEDED", 5000);
    } finally {
      await loop.stop();
    }
    expect(shop.received).toHaveLength(1);
    const delivery = await db.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId }, include: { attempts: true } });
    // The lost attempt keeps its number: the gap in the log shows where a sender died.
    expect(delivery.attemptCount).toBe(2);
    expect(delivery.attempts.map((a) => a.attemptNumber)).toEqual([2]);
  });

  it("records an attempt that could not be signed and sends nothing unsigned", async () => {
    const shop = await receiver();
    const endpoint = await createEndpointFixture(db, { url: shop.url });
    const { deliveryId } = await emitEventFixture(db, endpoint);
    const loop = startDispatchLoop(db, { ...dispatchOptions, dataSecret: "another-data-secret-than-the-one-used-to-encrypt" });
    try {
      await eventually(async () => (await db.webhookAttempt.count({ where: { deliveryId } })) > 0);
    } finally {
      await loop.stop();
    }
    expect(shop.received).toHaveLength(0);
    const [attempt] = await db.webhookAttempt.findMany({ where: { deliveryId } });
    expect(attempt).toMatchObject({ statusCode: null, error: expect.stringContaining("could not be decrypted") });
    expect((await db.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId } })).status).toBe("PENDING");
  });
});
