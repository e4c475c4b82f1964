import { setProcessEnv } from "@/lib/testing/process-env";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disconnectDb, getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { jobDefinitions } from "@/lib/main/worker-jobs";
import { startWorker, type WorkerRuntime } from "@/lib/jobs/runtime";
import { webhookDispatchJob } from "@/lib/webhooks/webhook-dispatch-job";
import { eventually } from "@/lib/testing/gateway";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { createEndpointFixture, emitEventFixture, TEST_DATA_SECRET } from "@/lib/testing/webhook-fixtures";
import { startWebhookReceiver, type WebhookReceiver } from "@/lib/testing/webhook-receiver";
import { verifyMalipoSignature } from "@/lib/webhooks/verify-signature";

describe("the webhooks.dispatch job on real workers", () => {
  let database: TestDatabase;
  let shop: WebhookReceiver;
  const workers: WorkerRuntime[] = [];
  const settings = { DATABASE_URL: "", DATA_SECRET: TEST_DATA_SECRET, WEBHOOK_BACKOFF_BASE_SECONDS: "1" };
  let restoreEnv: () => void;

  beforeAll(async () => {
    database = await createTestDatabase();
    // The job reads its settings and database like production: from the process environment.
    restoreEnv = setProcessEnv({ ...settings, DATABASE_URL: database.url });
    shop = await startWebhookReceiver((nth) => ({ status: nth === 1 ? 503 : 200, delayMs: 50 }));
    for (let i = 0; i < 2; i += 1) workers.push(await startWorker({ env: getEnv(), db: getDb(), definitions: [webhookDispatchJob], heartbeatMs: 60_000 }));
  });
  afterAll(async () => {
    for (const w of workers) await w.stop(2000).catch(() => undefined);
    await shop.close();
    await disconnectDb();
    restoreEnv();
    await database.drop();
  });

  it("is registered with the worker's jobs and runs every second", () => {
    expect(jobDefinitions).toContain(webhookDispatchJob);
    expect(webhookDispatchJob.everySeconds?.(getEnv())).toBe(1);
  });

  it("delivers every event exactly once per attempt across two workers, retrying a failure", async () => {
    const db = getDb();
    const endpoint = await createEndpointFixture(db, { url: shop.url });
    const events = [];
    for (let i = 0; i < 12; i += 1) events.push(await emitEventFixture(db, endpoint));
    await eventually(async () => (await db.webhookDelivery.count({ where: { endpointId: endpoint.endpointId, status: "SUCCEEDED" } })) === events.length, 30_000);
    expect(shop.maxConcurrentPerEvent()).toBe(1);
    for (const { eventId } of events) expect(shop.received.filter((r) => r.eventId === eventId)).toHaveLength(2);
    for (const hook of shop.received) expect(verifyMalipoSignature({ payload: hook.body, header: hook.signature, secret: endpoint.secret }).valid).toBe(true);
  });
});
