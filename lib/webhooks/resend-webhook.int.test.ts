import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrisma } from "@/lib/db/client";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { startDispatchLoop } from "@/lib/testing/dispatch-loop";
import { eventually } from "@/lib/testing/gateway";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { createEndpointFixture, emitEventFixture, LOOPBACK_TARGETS, TEST_DATA_SECRET, type EndpointFixture } from "@/lib/testing/webhook-fixtures";
import { startWebhookReceiver, type WebhookReceiver } from "@/lib/testing/webhook-receiver";
import { claimDueDeliveries } from "@/lib/webhooks/claim-due-deliveries";
import { resendWebhook } from "@/lib/webhooks/resend-webhook";

const settings = { timeoutMs: 2000, maxAgeSeconds: 60, backoffBaseSeconds: 1, backoffMaxSeconds: 60, disableAfterSeconds: 3600 };
const options = { settings, dataSecret: TEST_DATA_SECRET, random: () => 0, targets: LOOPBACK_TARGETS };

describe("resending a webhook", () => {
  let database: TestDatabase;
  let db: PrismaClient;
  let shop: WebhookReceiver;
  let endpoint: EndpointFixture;
  const admin = "usr_admin";

  beforeAll(async () => {
    database = await createTestDatabase();
    db = createPrisma(database.url, 4);
    shop = await startWebhookReceiver();
    endpoint = await createEndpointFixture(db, { url: shop.url });
  });
  afterAll(async () => {
    await shop.close();
    await db.$disconnect();
    await database.drop();
  });

  const deliver = async (deliveryId: string, attempts: number) => {
    const loop = startDispatchLoop(db, options);
    try {
      await eventually(async () => (await db.webhookAttempt.count({ where: { deliveryId } })) === attempts);
    } finally {
      await loop.stop();
    }
  };

  it("sends a delivered event again as a new attempt series, and puts it on the payment's timeline", async () => {
    const { deliveryId, eventId, paymentId } = await emitEventFixture(db, endpoint);
    await deliver(deliveryId, 1);
    // An old series near its end: the resend must start a fresh one, not inherit it.
    await db.webhookDelivery.update({ where: { id: deliveryId }, data: { seriesStartedAt: new Date(Date.now() - 3_600_000), seriesAttempts: 9 } });

    const before = Date.now();
    const result = await resendWebhook(db, { deliveryId, actorUserId: admin, reason: "Storefront lost its order queue" });
    expect(result).toEqual({ deliveryId, eventId, paymentId, previousStatus: "SUCCEEDED" });
    const due = await db.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId } });
    expect(due).toMatchObject({ status: "PENDING", seriesAttempts: 0, attemptCount: 1 });
    expect(due.nextAttemptAt!.getTime()).toBeGreaterThanOrEqual(before);
    expect(due.seriesStartedAt.getTime()).toBeGreaterThanOrEqual(before);

    const timeline = await db.paymentEvent.findMany({ where: { paymentId, type: "webhook.resend" } });
    expect(timeline).toEqual([expect.objectContaining({ source: "admin", actorUserId: admin, data: expect.objectContaining({ deliveryId, eventId, reason: "Storefront lost its order queue", previousStatus: "SUCCEEDED" }) })]);

    await deliver(deliveryId, 2);
    expect(shop.received.filter((r) => r.eventId === eventId)).toHaveLength(2);
    const attempts = await db.webhookAttempt.findMany({ where: { deliveryId }, orderBy: { attemptNumber: "asc" } });
    expect(attempts.map((a) => a.attemptNumber)).toEqual([1, 2]);
    expect((await db.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId } })).status).toBe("SUCCEEDED");
  });

  it("revives a delivery that failed for good", async () => {
    const { deliveryId } = await emitEventFixture(db, endpoint);
    await db.webhookDelivery.update({ where: { id: deliveryId }, data: { status: "FAILED", nextAttemptAt: null } });
    expect((await resendWebhook(db, { deliveryId, actorUserId: admin, reason: "endpoint fixed" })).previousStatus).toBe("FAILED");
    await deliver(deliveryId, 1);
    expect((await db.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId } })).status).toBe("SUCCEEDED");
  });

  it("refuses while an attempt is on the wire, for a disabled endpoint, without a reason, or for an unknown delivery", async () => {
    const { deliveryId, paymentId } = await emitEventFixture(db, endpoint);
    const now = new Date();
    await claimDueDeliveries(db, { now, limit: 10, leaseMs: 60_000, horizonStart: new Date(now.getTime() - 60_000) });
    await expect(resendWebhook(db, { deliveryId, actorUserId: admin, reason: "again" })).rejects.toMatchObject({ code: "conflict" });

    await db.webhookEndpoint.update({ where: { id: endpoint.endpointId }, data: { enabled: false } });
    await expect(resendWebhook(db, { deliveryId, actorUserId: admin, reason: "again" })).rejects.toMatchObject({ code: "invalid_state" });
    await db.webhookEndpoint.update({ where: { id: endpoint.endpointId }, data: { enabled: true } });

    await expect(resendWebhook(db, { deliveryId, actorUserId: admin, reason: "  " })).rejects.toMatchObject({ code: "validation_failed", param: "reason" });
    await expect(resendWebhook(db, { deliveryId: "whd_missing", actorUserId: admin, reason: "x" })).rejects.toMatchObject({ code: "not_found" });
    expect(await db.paymentEvent.count({ where: { paymentId, type: "webhook.resend" } })).toBe(0);
  });
});
