// node --import tsx e2e/bench/store-callback-latency.ts [--callbacks N] [--rounds R] [--concurrency C] [--impl path]
//
// How long storing one admitted callback takes the web process, the route's database step alone
// (no HTTP, no Next, no worker): storeAdmittedCallback in a loop against a throwaway embedded
// PostgreSQL, one at a time (latency per call, p50 / p99) and C at a time (callbacks/s). `--impl`
// names another module exporting storeAdmittedCallback, to time two implementations alternately
// in one process on one database; rounds alternate between them, and each figure is the median.
import { randomUUID } from "node:crypto";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { freePort } from "@/lib/testing/free-port";
import type { AdmittedCallback, storeAdmittedCallback } from "@/lib/callbacks/store-admitted-callback";

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1]! : fallback;
};
const CALLBACKS = Number(option("callbacks", "2000"));
const ROUNDS = Number(option("rounds", "3"));
const CONCURRENCY = Number(option("concurrency", "20"));
const OTHER = args.includes("--impl") ? path.resolve(option("impl", "")) : null;

type Store = typeof storeAdmittedCallback;

const callback = (): AdmittedCallback => ({
  kind: "STK",
  spoolId: randomUUID(),
  receivedAt: new Date(),
  token: "bench-token",
  body: JSON.stringify({ Body: { stkCallback: { MerchantRequestID: "m", CheckoutRequestID: `ws_CO_${randomUUID()}`, ResultCode: 0, ResultDesc: "ok" } } }),
  headers: { "content-type": "application/json" },
  sourceIp: "196.201.214.200",
  ipAllowed: true,
  tokenValid: true,
});

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const dir = await mkdtemp(path.join(tmpdir(), "malipo-store-latency-"));
await chmod(dir, 0o755);
const server = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), port: await freePort(), database: "malipo", ephemeral: true });
try {
  await migrate(server.url);
  Object.assign(process.env, { DATABASE_URL: server.url, LOG_LEVEL: "warn" });
  const { createPrisma } = await import("@/lib/db/client");
  const { createBoss } = await import("@/lib/jobs/boss");
  // As a web process: one Prisma client (the env's default pool of 10) and one started sender.
  const db = createPrisma(server.url, 10);
  const boss = createBoss({ databaseUrl: server.url, role: "sender" });
  await boss.start();
  const impls: [string, Store][] = [["current", (await import("@/lib/callbacks/store-admitted-callback")).storeAdmittedCallback]];
  if (OTHER) impls.push([path.basename(OTHER), ((await import(OTHER)) as { storeAdmittedCallback: Store }).storeAdmittedCallback]);
  const results = new Map(impls.map(([name]) => [name, { p50: [] as number[], p99: [] as number[], rate: [] as number[] }]));

  for (const [, store] of impls) for (let i = 0; i < 200; i++) await store(db, { callback: callback(), boss });
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, store] of impls) {
      const times: number[] = [];
      for (let i = 0; i < CALLBACKS / 4; i++) {
        const started = performance.now();
        await store(db, { callback: callback(), boss });
        times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      let next = 0;
      const started = performance.now();
      await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
        while (next++ < CALLBACKS) await store(db, { callback: callback(), boss });
      }));
      const rate = CALLBACKS / ((performance.now() - started) / 1000);
      const r = results.get(name)!;
      r.p50.push(quantile(times, 0.5));
      r.p99.push(quantile(times, 0.99));
      r.rate.push(rate);
      console.log(`round ${round + 1} ${name}: one at a time p50 ${quantile(times, 0.5).toFixed(2)} ms, p99 ${quantile(times, 0.99).toFixed(2)} ms; ${CONCURRENCY} at a time ${rate.toFixed(0)}/s`);
    }
  }
  for (const [name, r] of results) {
    console.log(`${name}: median of ${ROUNDS} rounds: p50 ${median(r.p50).toFixed(2)} ms, p99 ${median(r.p99).toFixed(2)} ms, ${median(r.rate).toFixed(0)} callbacks/s at ${CONCURRENCY} in flight`);
  }
  await boss.stop({ graceful: false, close: true });
  await db.$disconnect();
} finally {
  await server.stop();
  await rm(dir, { recursive: true, force: true });
}
