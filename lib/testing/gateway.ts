import { setProcessEnv } from "@/lib/testing/process-env";
import { disconnectDb, getDb } from "@/lib/db/client";
import { getEnv, type Env } from "@/lib/env";
import type { Mode, PrismaClient } from "@/lib/generated/prisma/client";
import { createId } from "@/lib/ids";
import { stopSenderBoss } from "@/lib/jobs/boss";
import type { JobDefinition } from "@/lib/jobs/define-job";
import { processCallbackJob } from "@/lib/callbacks/process-callback-job";
import { startWorker, type WorkerRuntime } from "@/lib/jobs/runtime";
import { startSimulator, type RunningSimulator, type SimulatorOptions } from "@/lib/rails/daraja/simulator/server";
import { createApiKey } from "@/lib/storefronts/create-api-key";
import { startAppServer, type AppServer } from "@/lib/testing/app-server";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";

/**
 * The whole gateway in one test process, on real sockets: a fresh migrated database, the Daraja
 * simulator, the app's route handlers over HTTP, and the worker runtime. Route handlers read
 * process.env like production does, so the settings are put there (and restored on close).
 */
export interface Gateway {
  env: Env;
  db: PrismaClient;
  sim: RunningSimulator;
  app: AppServer;
  worker: WorkerRuntime | null;
  /** A new storefront with a key per mode. */
  createStorefront(name?: string): Promise<TestStorefront>;
  /** Calls the storefront API with a key; JSON in, status + headers + parsed JSON out. */
  api(key: string, method: string, path: string, init?: { body?: unknown; headers?: Record<string, string> }): Promise<ApiResult>;
  close(): Promise<void>;
}

export interface TestStorefront {
  id: string;
  keys: Record<Mode, string>;
}

export interface ApiResult {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

export interface GatewayOptions {
  /** Extra settings; a function receives the running simulator (for its URL). */
  env?: Record<string, string> | ((sim: RunningSimulator) => Record<string, string>);
  simulator?: SimulatorOptions;
  /** Jobs the in-process worker runs; [] runs none. Default: callback processing. */
  jobs?: JobDefinition[];
}

export async function startGateway(options: GatewayOptions = {}): Promise<Gateway> {
  const database: TestDatabase = await createTestDatabase();
  const sim = await startSimulator({ port: 0, callbackDelayMs: 30, lateCallbackDelayMs: 300, manualTimeoutMs: 150, hangMs: 10_000, ...options.simulator });
  const app = await startAppServer();
  const settings: Record<string, string> = {
    DATABASE_URL: database.url,
    DATABASE_POOL_SIZE: "12",
    DARAJA_TEST_BASE_URL: sim.url,
    SIMULATOR_PORT: String(sim.port),
    PUBLIC_URL: app.url,
    DARAJA_TIMEOUT_MS: "2000",
    CALLBACK_IP_ALLOWLIST_ENABLED: "true",
    CALLBACK_IP_ALLOWLIST: "127.0.0.1",
    TRUSTED_PROXIES: "127.0.0.3",
    CALLBACK_MAX_BODY_BYTES: "4096",
    CALLBACK_UNMATCHED_RETRY_SECONDS: "1",
    // Nothing drains a spool here: a busy test machine must not divert callbacks into one.
    CALLBACK_DB_TIMEOUT_MS: "15000",
    API_RATE_LIMIT_PER_MINUTE: "100000",
    // Test storefronts listen on loopback.
    WEBHOOK_ALLOW_PRIVATE_TARGETS: "true",
    WORKER_CONCURRENCY: "4",
    ...(typeof options.env === "function" ? options.env(sim) : options.env),
  };
  const restoreEnv = setProcessEnv(settings);
  const env = getEnv();
  const db = getDb();
  const jobs = options.jobs ?? [processCallbackJob];
  const worker = jobs.length ? await startWorker({ env, db, definitions: jobs, heartbeatMs: 60_000 }) : null;

  return {
    env, db, sim, app, worker,
    async createStorefront(name = "Test shop") {
      const storefront = await db.storefront.create({ data: { id: createId("sf"), name } });
      const test = await createApiKey(db, { storefrontId: storefront.id, mode: "TEST", name: "test" });
      const live = await createApiKey(db, { storefrontId: storefront.id, mode: "LIVE", name: "live" });
      return { id: storefront.id, keys: { TEST: test.secret, LIVE: live.secret } };
    },
    async api(key, method, path, init = {}) {
      const res = await fetch(`${app.url}${path}`, {
        method,
        headers: { Authorization: `Bearer ${key}`, ...(init.body !== undefined ? { "Content-Type": "application/json" } : {}), ...init.headers },
        body: init.body === undefined ? undefined : typeof init.body === "string" ? init.body : JSON.stringify(init.body),
      });
      const text = await res.text();
      return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
    },
    async close() {
      await worker?.stop(2000).catch(() => undefined);
      await sim.close();
      await app.close();
      await stopSenderBoss();
      await disconnectDb();
      restoreEnv();
      await database.drop();
    },
  };
}

/** Polls until `check` returns something other than null/undefined/false. */
export async function eventually<T>(check: () => Promise<T | null | undefined | false> | T | null | undefined | false, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== null && value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
