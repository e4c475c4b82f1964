import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scenarioPhone } from "@/lib/rails/daraja/simulator/scenarios";
import { freePort } from "@/lib/testing/free-port";
import { startGateway, type Gateway, type TestStorefront } from "@/lib/testing/gateway";
import { spawnTsx, waitUntil, type NodeProcess } from "@/lib/testing/node-process";
import { startTcpRelay, type TcpRelay } from "@/lib/testing/tcp-relay";

/**
 * A paid payment must never be lost for good. The customer pays, the callback never comes
 * (no-callback scenario), and Daraja is unreachable from 3 s before to 12 s after the deadline: the
 * last query gets no answer, the payment expires. With the real worker process (every job, the
 * sweep included) and Daraja's simulator behind a relay that is switched off across the deadline,
 * the payment must end `succeeded` (late) within one RECONCILE_MAX_INTERVAL_SECONDS of Daraja
 * answering again, with no admin action and exactly one payment.succeeded event.
 */

const EXPIRY_SECONDS = 6;
// Room for a loaded test machine: the next query comes RECONCILE_AFTER_SECONDS (1 s) after a failed one.
const MAX_INTERVAL_SECONDS = 8;
const DOWN_BEFORE_MS = 3000;
const DOWN_AFTER_MS = 12_000;
type Json = Record<string, unknown>;

describe("a paid payment whose status queries fail across its deadline", () => {
  let gw: Gateway;
  let shop: TestStorefront;
  let relay: TcpRelay;
  let worker: NodeProcess;
  const timings = {
    PAYMENT_EXPIRY_SECONDS: String(EXPIRY_SECONDS), RECONCILE_AFTER_SECONDS: "1", RECONCILE_MAX_INTERVAL_SECONDS: String(MAX_INTERVAL_SECONDS),
    EXPIRED_RECONCILE_HOURS: "1", SWEEP_INTERVAL_SECONDS: "1", QUERY_RATE_PER_SECOND: "20", DARAJA_TIMEOUT_MS: "1000",
  };
  const sleepUntil = (at: number) => new Promise((r) => setTimeout(r, Math.max(0, at - Date.now())));

  beforeAll(async () => {
    const simPort = await freePort();
    relay = await startTcpRelay({ host: "127.0.0.1", port: simPort });
    // The customer pays 4 s after the push: after the outage began, so only a later query can know.
    gw = await startGateway({ jobs: [], simulator: { port: simPort, callbackDelayMs: 4000 }, env: { ...timings, DARAJA_TEST_BASE_URL: relay.url } });
    shop = await gw.createStorefront("Outage across the deadline");
    worker = spawnTsx("worker/index.ts", {
      ...timings, NODE_ENV: "test", MALIPO_MODE: "demo", LOG_LEVEL: "info", MALIPO_SERVICE: "worker", DATABASE_URL: gw.env.database.url,
      CALLBACK_SECRET: gw.env.secrets.callback, DARAJA_TEST_BASE_URL: relay.url, SIMULATOR_PORT: String(simPort), WORKER_SUPERVISE_INTERVAL_SECONDS: "1",
    });
    await waitUntil(async () => (await gw.db.workerHeartbeat.count()) > 0, 30_000, "the worker to start", worker);
  }, 120_000);
  afterAll(async () => {
    await worker?.stop();
    await gw?.close();
    await relay?.close();
  }, 60_000);

  it("ends succeeded, late, within one RECONCILE_MAX_INTERVAL_SECONDS of Daraja answering again, with one payment.succeeded", { timeout: 90_000 }, async () => {
    const res = await gw.api(shop.keys.TEST, "POST", "/api/v1/payments", { body: { amount: 250, phone: scenarioPhone("no-callback"), reference: "OUTAGE-1" } });
    expect(res).toMatchObject({ status: 201, body: { status: "pending" } });
    const id = String(res.body.id);
    const { expiresAt } = await gw.db.payment.findUniqueOrThrow({ where: { id } });
    const deadline = expiresAt.getTime();

    await sleepUntil(deadline - DOWN_BEFORE_MS);
    await relay.stop();
    const downAt = Date.now();
    await waitUntil(async () => (await gw.db.payment.findUniqueOrThrow({ where: { id } })).status === "EXPIRED", DOWN_AFTER_MS, "the payment to expire", worker);
    await sleepUntil(deadline + DOWN_AFTER_MS);
    // Still expired, still being asked: nothing has answered for the whole outage.
    const during = await gw.db.payment.findUniqueOrThrow({ where: { id } });
    expect(during).toMatchObject({ status: "EXPIRED", nextQueryAt: expect.any(Date) });
    await relay.start();
    const upAt = Date.now();

    await waitUntil(async () => (await gw.db.payment.findUniqueOrThrow({ where: { id } })).status === "SUCCEEDED", 30_000, "the payment to succeed", worker);
    const settledAfterMs = Date.now() - upAt;
    expect(settledAfterMs).toBeLessThanOrEqual(MAX_INTERVAL_SECONDS * 1000);

    const row = await gw.db.payment.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: "SUCCEEDED", late: true, receiptMissing: true, resultCode: "0", nextQueryAt: null, failureCode: null });
    const history = await gw.db.paymentEvent.findMany({ where: { paymentId: id }, orderBy: { id: "asc" } });
    const transitions = history.filter((e) => e.toStatus !== null).map((e) => [e.type, e.source, e.fromStatus, e.toStatus]);
    expect(transitions).toEqual([["initiate", "api", null, "INITIATING"], ["accept", "api", "INITIATING", "PENDING"], ["expire", "sweep", "PENDING", "EXPIRED"], ["succeed", "query", "EXPIRED", "SUCCEEDED"]]);
    const queries = history.filter((e) => e.type === "query");
    const answered = (e: (typeof queries)[number]) => (e.data as Json).answer;
    // Every query during the outage went unanswered and said nothing; the first after it found the payment.
    const inOutage = queries.filter((q) => q.createdAt.getTime() > downAt && q.createdAt.getTime() < upAt);
    expect(inOutage.length).toBeGreaterThanOrEqual(3);
    expect(inOutage.every((q) => answered(q) === "error")).toBe(true);
    expect(inOutage.filter((q) => (q.data as Json).afterExpiry === true).length).toBeGreaterThanOrEqual(2);
    expect(queries.at(-1)!.data).toMatchObject({ answer: "final", resultCode: "0", verdict: "succeed", afterExpiry: true });
    const hooks = await gw.db.webhookEvent.findMany({ where: { paymentId: id }, orderBy: { createdAt: "asc" } });
    expect(hooks.map((h) => h.type)).toEqual(["payment.expired", "payment.succeeded"]);
    expect((hooks[1]!.payload as { data: { object: Json } }).data.object).toMatchObject({ status: "succeeded", late: true, receipt_missing: true });

    // Settled: no more queries, no second success.
    const count = row.queryCount;
    await new Promise((r) => setTimeout(r, 4000));
    expect((await gw.db.payment.findUniqueOrThrow({ where: { id } })).queryCount).toBe(count);
    expect(await gw.db.webhookEvent.count({ where: { paymentId: id, type: "payment.succeeded" } })).toBe(1);
  });
});
