import { chmod, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrisma } from "@/lib/db/client";
import { isPortInUse, startEmbeddedPostgres, type EmbeddedOptions, type RunningPostgres } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { freePort } from "@/lib/testing/free-port";
import { rawRequest } from "@/lib/testing/http-request";
import { spawnTsx, waitUntil, type NodeProcess } from "@/lib/testing/node-process";
import { insertPendingPayments, settlementReport, type PendingPayment } from "@/lib/testing/pending-payments";

/**
 * Issue 5's outage acceptance, on real processes: PostgreSQL (our own server, stopped and started
 * again), a worker, and a web process (lib/main/web.ts's wiring, routes served without Next).
 * Safaricom sends each callback once, so every one that arrives while the database is down must be
 * answered 200 from the spool and applied once the database is back, exactly once.
 */

const ACK = { ResultCode: 0, ResultDesc: "Accepted" };
const SECRET = "outage-test-callback-secret-outage-test-callback";
const CALLBACKS = 200;
const OUTAGE_MS = 20_000;
// "Answered quickly": the route must not wait on a dead database.
const MAX_ANSWER_MS = 1000;

describe("PostgreSQL stopped for 20 s while 200 callbacks arrive", () => {
  let dir: string;
  let pgOptions: EmbeddedOptions;
  let pg: RunningPostgres;
  let db: PrismaClient;
  let worker: NodeProcess;
  let web: NodeProcess;
  let webUrl: string;
  let childEnv: Record<string, string>;
  const spoolDir = () => path.join(dir, "spool");
  const spooled = async () => (await readdir(spoolDir()).catch(() => [] as string[])).filter((n) => n.endsWith(".json")).length;

  const startWeb = async () => {
    const proc = spawnTsx("lib/testing/route-web-process.ts", childEnv);
    await waitUntil(() => isPortInUse(Number(childEnv.PORT)), 30_000, "the web process to listen", proc);
    return proc;
  };
  /** POSTs each payment's callback at an even pace over `spreadMs`, timing every answer. */
  const sendPaced = (payments: PendingPayment[], spreadMs: number) => Promise.all(payments.map(async (p, i) => {
    await new Promise((r) => setTimeout(r, (i * spreadMs) / payments.length));
    const started = performance.now();
    const res = await rawRequest(`${webUrl}${p.callbackPath}`, { method: "POST", body: p.successBody, headers: { "Content-Type": "application/json" } });
    return { status: res.status, json: res.json, ms: performance.now() - started };
  }));
  const expectAllAcknowledged = (answers: { status: number; json: unknown; ms: number }[]) => {
    expect(answers.filter((a) => a.status !== 200 || JSON.stringify(a.json) !== JSON.stringify(ACK))).toEqual([]);
    expect(Math.max(...answers.map((a) => a.ms))).toBeLessThan(MAX_ANSWER_MS);
  };
  const expectAppliedExactlyOnce = async (payments: PendingPayment[]) => {
    const ids = payments.map((p) => p.id);
    await waitUntil(async () => (await db.payment.count({ where: { id: { in: ids }, status: "PENDING" } })) === 0, 40_000, "every payment to settle", web, worker);
    expect(await settlementReport(db, ids)).toEqual({
      statuses: { SUCCEEDED: ids.length },
      callbackOutcomes: { APPLIED: ids.length },
      paymentsWithASuccessTransition: ids.length,
      mostSuccessTransitionsOfOnePayment: 1,
      callbackAttempts: { min: 1, max: 1 },
    });
    // Each came through the spool, under its own id, with one processing job.
    const rows = await db.$queryRaw<{ logs: number; spoolIds: number; jobs: number }[]>`
      WITH logs AS (SELECT id, spool_id FROM callback_logs WHERE payment_id = ANY(${ids}))
      SELECT (SELECT count(*)::int FROM logs) AS logs, (SELECT count(DISTINCT spool_id)::int FROM logs) AS "spoolIds",
             (SELECT count(*)::int FROM pgboss.job j WHERE j.name = 'callbacks.process' AND (j.data->>'callbackLogId')::bigint IN (SELECT id FROM logs)) AS jobs`;
    expect(rows[0]).toEqual({ logs: ids.length, spoolIds: ids.length, jobs: ids.length });
    expect(await spooled()).toBe(0);
  };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "malipo-outage-"));
    // As root, PostgreSQL runs as its own user, which must be able to enter the folder.
    await chmod(dir, 0o755);
    pgOptions = { dataDir: path.join(dir, "pg"), port: await freePort(), database: "malipo", ephemeral: true };
    pg = await startEmbeddedPostgres(pgOptions);
    await migrate(pg.url);
    db = createPrisma(pg.url, 4);
    const webPort = await freePort();
    webUrl = `http://127.0.0.1:${webPort}`;
    childEnv = {
      NODE_ENV: "test", MALIPO_MODE: "demo", LOG_LEVEL: "warn", DATABASE_URL: pg.url, DATABASE_POOL_SIZE: "8",
      PORT: String(webPort), HOST: "127.0.0.1", PUBLIC_URL: webUrl, CALLBACK_SECRET: SECRET,
      CALLBACK_SPOOL_DIR: spoolDir(), CALLBACK_SPOOL_DRAIN_INTERVAL_MS: "500", CALLBACK_IP_ALLOWLIST_ENABLED: "false",
      SIMULATOR_PORT: String(await freePort()), WORKER_SUPERVISE_INTERVAL_SECONDS: "2",
      // Keep status queries and expiry away from these payments: only callbacks settle them here.
      RECONCILE_AFTER_SECONDS: "3600", PAYMENT_EXPIRY_SECONDS: "86400",
    };
    worker = spawnTsx("worker/index.ts", childEnv);
    web = await startWeb();
    await waitUntil(async () => (await db.workerHeartbeat.count()) > 0, 30_000, "the worker to start", worker);
    // Normal operation first: pools and the job sender are warm when the database goes away.
    const [warm] = await insertPendingPayments(db, { count: 1, tag: "warm", callbackSecret: SECRET });
    const res = await rawRequest(`${webUrl}${warm!.callbackPath}`, { method: "POST", body: warm!.successBody });
    expect([res.status, res.json]).toEqual([200, ACK]);
    await waitUntil(async () => (await db.payment.findUniqueOrThrow({ where: { id: warm!.id } })).status === "SUCCEEDED", 20_000, "the warm-up payment", worker);
    // A cold process may take longer than CALLBACK_DB_TIMEOUT_MS over its first callback, which is then
    // spooled too (its insert committing after all); the drainer clears that file, and the counts below start from zero.
    await waitUntil(async () => (await spooled()) === 0, 20_000, "the spool to be empty", web);
  }, 120_000);

  afterAll(async () => {
    await web?.stop();
    await worker?.stop();
    await db?.$disconnect();
    await pg?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  }, 60_000);

  it("answers every one 200 at once, and applies all 200 exactly once after recovery", { timeout: 90_000 }, async () => {
    const payments = await insertPendingPayments(db, { count: CALLBACKS, tag: "outagea", callbackSecret: SECRET });
    await pg.stop();
    const down = Date.now();
    const answers = await sendPaced(payments, OUTAGE_MS - 500);
    expectAllAcknowledged(answers);
    expect(await spooled()).toBe(CALLBACKS);
    await new Promise((r) => setTimeout(r, Math.max(0, OUTAGE_MS - (Date.now() - down))));
    pg = await startEmbeddedPostgres(pgOptions);
    await expectAppliedExactlyOnce(payments);
  });

  it("does the same when the web process is restarted before the database is back", { timeout: 90_000 }, async () => {
    const payments = await insertPendingPayments(db, { count: CALLBACKS, tag: "outageb", callbackSecret: SECRET });
    const half = CALLBACKS / 2;
    await pg.stop();
    const down = Date.now();
    const first = await sendPaced(payments.slice(0, half), OUTAGE_MS / 2 - 1000);
    expect(await spooled()).toBe(half);
    // SIGTERM: the first web process stops cleanly, its spool not yet drained.
    await web.stop();
    expect(await web.exited).toEqual({ code: 0, signal: null });
    web = await startWeb();
    const second = await sendPaced(payments.slice(half), Math.max(1000, OUTAGE_MS - (Date.now() - down) - 1000));
    expectAllAcknowledged([...first, ...second]);
    expect(await spooled()).toBe(CALLBACKS);
    await new Promise((r) => setTimeout(r, Math.max(0, OUTAGE_MS - (Date.now() - down))));
    pg = await startEmbeddedPostgres(pgOptions);
    // Only the second process is alive: it drains what the first one wrote.
    await expectAppliedExactlyOnce(payments);
  });
});
