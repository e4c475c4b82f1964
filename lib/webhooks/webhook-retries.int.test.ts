import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrisma } from "@/lib/db/client";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { startDispatchLoop } from "@/lib/testing/dispatch-loop";
import { freePort } from "@/lib/testing/free-port";
import { eventually } from "@/lib/testing/gateway";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { createEndpointFixture, emitEventFixture, LOOPBACK_TARGETS, TEST_DATA_SECRET } from "@/lib/testing/webhook-fixtures";
import { startWebhookReceiver, type WebhookReceiver } from "@/lib/testing/webhook-receiver";

// Time compressed: a 1 s first backoff, no jitter, so the schedule is exactly 1 s, 2 s, 4 s…
const settings = { timeoutMs: 2000, maxAgeSeconds: 60, backoffBaseSeconds: 1, backoffMaxSeconds: 60, disableAfterSeconds: 3600 };
const base = { settings, dataSecret: TEST_DATA_SECRET, random: () => 0, targets: LOOPBACK_TARGETS };

describe("webhook retries, endpoint health and concurrent dispatchers", () => {
  let database: TestDatabase;
  let db: PrismaClient;
  const receivers: WebhookReceiver[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    db = createPrisma(database.url, 8);
  });
  afterAll(async () => {
    for (const r of receivers) await r.close();
    await db.$disconnect();
    await database.drop();
  });

  const statusOf = async (id: string) => (await db.webhookDelivery.findUniqueOrThrow({ where: { id } })).status;

  it("sends three times to an endpoint that answers 500, 500, then 200, with growing gaps, logging each attempt", async () => {
    const shop = await startWebhookReceiver((nth) => (nth <= 2 ? { status: 500, body: "boom" } : { status: 200 }));
    receivers.push(shop);
    const endpoint = await createEndpointFixture(db, { url: shop.url });
    const { deliveryId, eventId } = await emitEventFixture(db, endpoint);
    const loop = startDispatchLoop(db, base);
    try {
      await eventually(async () => (await db.webhookAttempt.count({ where: { deliveryId } })) === 1);
      const failing = await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.endpointId } });
      expect(failing.failingSince).not.toBeNull();
      expect(failing.enabled).toBe(true);
      await eventually(async () => (await statusOf(deliveryId)) === "SUCCEEDED", 15_000);
    } finally {
      await loop.stop();
    }
    expect(shop.received.map((r) => r.eventId)).toEqual([eventId, eventId, eventId]);
    const [first, second, third] = shop.received.map((r) => r.receivedAt);
    const gap1 = second! - first!;
    const gap2 = third! - second!;
    expect(gap1).toBeGreaterThanOrEqual(950);
    expect(gap2).toBeGreaterThanOrEqual(1950);
    expect(gap2).toBeGreaterThan(gap1 * 1.5);

    const attempts = await db.webhookAttempt.findMany({ where: { deliveryId }, orderBy: { attemptNumber: "asc" } });
    expect(attempts.map((a) => [a.attemptNumber, a.statusCode, a.responseExcerpt])).toEqual([[1, 500, "boom"], [2, 500, "boom"], [3, 200, "ok"]]);
    for (const a of attempts) expect(a.latencyMs).not.toBeNull();
    const delivery = await db.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId } });
    expect(delivery).toMatchObject({ status: "SUCCEEDED", attemptCount: 3, nextAttemptAt: null });
    expect((await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.endpointId } })).failingSince).toBeNull();
  });

  it("retries an endpoint that is down the whole time on schedule, marks it failing, disables it, and gives up at the horizon", async () => {
    const endpoint = await createEndpointFixture(db, { url: `http://127.0.0.1:${await freePort()}/hooks` });
    const { deliveryId } = await emitEventFixture(db, endpoint);
    // Attempts at 0, 1 and 3 s; the next (7 s) would fall past the 5 s horizon. Disabled at 2.5 s of failure.
    const loop = startDispatchLoop(db, { ...base, settings: { ...settings, maxAgeSeconds: 5, disableAfterSeconds: 2.5 } });
    try {
      await eventually(async () => (await statusOf(deliveryId)) === "FAILED", 15_000);
    } finally {
      await loop.stop();
    }
    const attempts = await db.webhookAttempt.findMany({ where: { deliveryId }, orderBy: { attemptNumber: "asc" } });
    expect(attempts.map((a) => a.attemptNumber)).toEqual([1, 2, 3]);
    for (const a of attempts) expect(a).toMatchObject({ statusCode: null, error: "request failed: ECONNREFUSED" });
    const times = attempts.map((a) => a.requestedAt.getTime());
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(950);
    expect(times[1]! - times[0]!).toBeLessThan(1800);
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(1950);
    expect(times[2]! - times[1]!).toBeLessThan(2800);

    const disabled = await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.endpointId } });
    expect(disabled.enabled).toBe(false);
    expect(disabled.failingSince).not.toBeNull();
    expect(disabled.disabledAt!.getTime()).toBeGreaterThanOrEqual(disabled.failingSince!.getTime() + 2500);
    expect(disabled.disabledReason).toContain("ECONNREFUSED");
    expect((await db.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId } })).nextAttemptAt).toBeNull();
  });

  it("never sends to a disabled endpoint: its deliveries wait, go out when it is enabled again, or fail at the horizon", async () => {
    const shop = await startWebhookReceiver();
    receivers.push(shop);
    const endpoint = await createEndpointFixture(db, { url: shop.url });
    const waiting = await emitEventFixture(db, endpoint);
    const tooOld = await emitEventFixture(db, endpoint);
    await db.webhookDelivery.update({ where: { id: tooOld.deliveryId }, data: { seriesStartedAt: new Date(Date.now() - 61_000) } });
    await db.webhookEndpoint.update({ where: { id: endpoint.endpointId }, data: { enabled: false, disabledAt: new Date(), disabledReason: "by a test" } });

    const loop = startDispatchLoop(db, { ...base, parkDisabledMs: 300 });
    try {
      await eventually(async () => (await statusOf(tooOld.deliveryId)) === "FAILED");
      await new Promise((r) => setTimeout(r, 1000));
      expect(shop.received).toHaveLength(0);
      const parked = await db.webhookDelivery.findUniqueOrThrow({ where: { id: waiting.deliveryId } });
      expect(parked).toMatchObject({ status: "PENDING", attemptCount: 0 });

      await db.webhookEndpoint.update({ where: { id: endpoint.endpointId }, data: { enabled: true, disabledAt: null, disabledReason: null } });
      await eventually(async () => (await statusOf(waiting.deliveryId)) === "SUCCEEDED", 5000);
    } finally {
      await loop.stop();
    }
    expect(shop.received.map((r) => r.eventId)).toEqual([waiting.eventId]);
    expect(await db.webhookAttempt.count({ where: { deliveryId: tooOld.deliveryId } })).toBe(0);
  });

  it("never lets two dispatchers send one delivery at the same time", async () => {
    // Every event fails once then succeeds, slowly, so both dispatchers keep claiming while others are in flight.
    const shop = await startWebhookReceiver((nth) => ({ status: nth === 1 ? 500 : 200, delayMs: 100 }));
    receivers.push(shop);
    const endpoint = await createEndpointFixture(db, { url: shop.url });
    const deliveries = [];
    for (let i = 0; i < 30; i += 1) deliveries.push(await emitEventFixture(db, endpoint));
    const other = createPrisma(database.url, 8);
    const loops = [startDispatchLoop(db, { ...base, batchSize: 4 }, 10), startDispatchLoop(other, { ...base, batchSize: 4 }, 10)];
    try {
      await eventually(async () => (await db.webhookDelivery.count({ where: { endpointId: endpoint.endpointId, status: "SUCCEEDED" } })) === 30, 30_000);
    } finally {
      for (const loop of loops) await loop.stop();
      await other.$disconnect();
    }
    expect(shop.maxConcurrentPerEvent()).toBe(1);
    const perEvent = new Map<string, number>();
    for (const r of shop.received) perEvent.set(r.eventId, (perEvent.get(r.eventId) ?? 0) + 1);
    expect([...perEvent.keys()].sort()).toEqual(deliveries.map((d) => d.eventId).sort());
    expect([...perEvent.values()].every((n) => n === 2)).toBe(true);
    for (const loop of loops) expect(loop.totals.succeeded + loop.totals.retrying).toBeGreaterThan(0);
    expect(loops[0]!.totals.superseded + loops[1]!.totals.superseded).toBe(0);
    const attempts = await db.webhookAttempt.groupBy({ by: ["deliveryId"], where: { deliveryId: { in: deliveries.map((d) => d.deliveryId) } }, _count: true });
    expect(attempts.every((a) => a._count === 2)).toBe(true);
  });
});
