import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { PgBoss } from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrisma, disconnectDb } from "@/lib/db/client";
import { resetEnvForTests } from "@/lib/env";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createBoss, stopSenderBoss } from "@/lib/jobs/boss";
import { QUARANTINE_DIR } from "@/lib/callbacks/spool/read-spool";
import { startAppServer, type AppServer } from "@/lib/testing/app-server";
import { freePort } from "@/lib/testing/free-port";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";

interface HealthBody {
  status: string;
  database: { status: string };
  worker: { status: string };
  spool: { pending: number; quarantined: number };
  queue: { ready: number; deferred: number; byQueue: Record<string, { ready: number; deferred: number }> } | null;
  webhooks: { disabledEndpoints: number; failingEndpoints: number } | null;
}

/** Liveness and readiness over HTTP: what a load balancer and an operator see, up and during an outage. */
describe("health routes", () => {
  let database: TestDatabase;
  let db: PrismaClient;
  let app: AppServer;
  let boss: PgBoss;
  let dir: string;
  const previous = { DATABASE_URL: process.env.DATABASE_URL, CALLBACK_SPOOL_DIR: process.env.CALLBACK_SPOOL_DIR, WORKER_HEARTBEAT_STALE_SECONDS: process.env.WORKER_HEARTBEAT_STALE_SECONDS };
  const configure = (settings: Record<string, string>) => {
    Object.assign(process.env, settings);
    resetEnvForTests();
  };
  const get = async (urlPath: string) => {
    const res = await fetch(`${app.url}${urlPath}`);
    return { status: res.status, cache: res.headers.get("cache-control"), body: (await res.json()) as HealthBody };
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    db = createPrisma(database.url, 2);
    dir = await mkdtemp(path.join(tmpdir(), "malipo-health-"));
    const spool = path.join(dir, "spool");
    await mkdir(path.join(spool, QUARANTINE_DIR), { recursive: true });
    await writeFile(path.join(spool, "0001-a.json"), "{}");
    await writeFile(path.join(spool, "0002-b.json"), "{}");
    await writeFile(path.join(spool, QUARANTINE_DIR, "0000-torn.json"), "{");
    await db.storefront.create({ data: { id: "sf_health", name: "Health" } });
    await db.webhookEndpoint.createMany({
      data: [
        { id: "we_ok", storefrontId: "sf_health", mode: "TEST", url: "https://shop.example/a", secretEncrypted: "x" },
        { id: "we_failing", storefrontId: "sf_health", mode: "LIVE", url: "https://shop.example/b", secretEncrypted: "x", failingSince: new Date() },
        { id: "we_off", storefrontId: "sf_health", mode: "TEST", url: "https://shop.example/c", secretEncrypted: "x", enabled: false, disabledAt: new Date() },
      ],
    });
    await db.workerHeartbeat.create({ data: { id: "wk_health", hostname: "test", pid: 1, startedAt: new Date(), lastSeenAt: new Date() } });
    // A supervising pg-boss (as a worker runs) counts the queues on its monitor pass; nobody works them.
    boss = createBoss({ databaseUrl: database.url, role: "worker", superviseIntervalSeconds: 1 });
    await boss.start();
    await boss.createQueue("test.backlog");
    for (let i = 0; i < 3; i++) await boss.send("test.backlog", { i });
    configure({ DATABASE_URL: database.url, CALLBACK_SPOOL_DIR: spool, WORKER_HEARTBEAT_STALE_SECONDS: "3600" });
    app = await startAppServer();
  });
  afterAll(async () => {
    await app?.close();
    await boss?.stop({ graceful: false, close: true });
    await stopSenderBoss().catch(() => undefined);
    await disconnectDb();
    for (const [k, v] of Object.entries(previous)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    resetEnvForTests();
    await db?.$disconnect();
    await database?.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it("reports readiness with the spool, the queue depth and the webhook endpoints that need a person", async () => {
    let body: HealthBody | undefined;
    // Queue counts are as of pg-boss's last monitor pass (here every second): wait for one.
    for (let tries = 0; tries < 40 && (body?.queue?.byQueue["test.backlog"]?.ready ?? 0) < 3; tries++) {
      if (tries > 0) await new Promise((r) => setTimeout(r, 500));
      const res = await get("/api/health");
      expect(res.status).toBe(200);
      body = res.body;
    }
    expect(body).toMatchObject({
      status: "ok",
      database: { status: "up" },
      worker: { status: "up" },
      spool: { pending: 2, quarantined: 1 },
      webhooks: { disabledEndpoints: 1, failingEndpoints: 1 },
    });
    expect(body!.queue!.byQueue["test.backlog"]).toMatchObject({ ready: 3, deferred: 0 });
    expect(body!.queue!.ready).toBeGreaterThanOrEqual(3);
  });

  it("answers liveness 200 with the spool while readiness is 503 during a database outage", async () => {
    await stopSenderBoss();
    await disconnectDb();
    // Nothing listens on this port: every connection is refused at once.
    configure({ DATABASE_URL: `postgresql://postgres:postgres@127.0.0.1:${await freePort()}/malipo` });

    const ready = await get("/api/health");
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({ status: "degraded", database: { status: "down" }, spool: { pending: 2, quarantined: 1 }, queue: null, webhooks: null });

    const live = await get("/api/health/live");
    expect([live.status, live.cache]).toEqual([200, "no-store"]);
    expect(live.body).toMatchObject({ status: "live", spool: { pending: 2, quarantined: 1 } });
  });
});
