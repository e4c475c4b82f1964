// node --import tsx e2e/bench/create-cost.ts [--creates N] [--rounds R] [--warm-up W] [--concurrency C] [--sql] [--profile out.cpuprofile]
//
// What one storefront payment creation costs Malipo, counted rather than timed: the SQL statements
// it sends (every query on the connection pool, BEGIN and COMMIT included) and this process's CPU
// per create, the simulator's share excluded as far as one process allows (it answers in the same
// process: its CPU is counted too, and is small beside Malipo's). It runs what POST /api/v1/payments
// runs after Next's router: the API key, the rate limit, the Idempotency-Key, the payment written
// before the push, the push to a zero-latency Daraja simulator, the acknowledgement and its reconcile
// job, the stored response. The simulator's callbacks are never delivered (their delay outlasts the
// run), so only the create path is counted. The statement count is exact and repeatable.
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { freePort } from "@/lib/testing/free-port";
import { hasFlag, numberOption, startProfiling, stringOption } from "./cost-script";
import { countingPool } from "./counting-pool";
import { median } from "./stats";

const CREATES = numberOption("creates", 200);
const ROUNDS = numberOption("rounds", 3);
const WARM_UP = numberOption("warm-up", 100);
const CONCURRENCY = numberOption("concurrency", 4);
const SHOW_SQL = hasFlag("sql");
const PROFILE = stringOption("profile");

// Set before the logger loads (the simulator's import loads it).
process.env.LOG_LEVEL = "warn";
const { startSimulator } = await import("@/lib/rails/daraja/simulator/server");
const dir = await mkdtemp(path.join(tmpdir(), "malipo-create-cost-"));
await chmod(dir, 0o755);
const server = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), port: await freePort(), database: "malipo", ephemeral: true });
const simulator = await startSimulator({ port: 0, callbackDelayMs: 3_600_000, lateCallbackDelayMs: 3_600_000 });
try {
  await migrate(server.url);
  Object.assign(process.env, {
    MALIPO_MODE: "demo", DATABASE_URL: server.url, LOG_LEVEL: "warn", DEMO_SECRETS_DIR: path.join(dir, "demo"),
    SIMULATOR_PORT: String(simulator.port), API_RATE_LIMIT_PER_MINUTE: "100000",
  });
  const { PrismaPg } = await import("@prisma/adapter-pg");
  const { PrismaClient } = await import("@/lib/generated/prisma/client");
  const counted = countingPool(server.url);
  const db = new PrismaClient({ adapter: new PrismaPg(counted.pool) });
  // The route core takes the process's client (getDb) and sender (pg-boss): these.
  (globalThis as unknown as { __malipoPrisma?: unknown }).__malipoPrisma = db;
  const { getEnv } = await import("@/lib/env");
  const { createLogger } = await import("@/lib/logger");
  const { authenticateApiKey } = await import("@/lib/storefronts/authenticate-api-key");
  const { consumeRateLimit } = await import("@/lib/rate-limit/consume-rate-limit");
  const { createPaymentRequest } = await import("@/lib/api/create-payment-request");
  const { createPaymentSchema } = await import("@/lib/api/payment-schemas");
  const { createBenchStorefront } = await import("./fixtures");
  const env = getEnv();
  const logger = createLogger("api");
  const { apiKey } = await createBenchStorefront(db);

  let n = 0;
  const createOne = async () => {
    const i = ++n;
    const rawBody = { amount: 10 + (i % 50), phone: `0712${String(100000 + (i % 900000)).slice(-6)}`, reference: `COST${i}` };
    const auth = await authenticateApiKey(db, `Bearer ${apiKey}`);
    const limit = await consumeRateLimit(db, { key: `api:${auth.apiKeyId}`, limit: env.api.rateLimitPerMinute });
    if (!limit.allowed) throw new Error("rate limited");
    const input = createPaymentSchema.parse(rawBody);
    const { response } = await createPaymentRequest(db, { auth, rawBody, input, idempotencyKey: `cost-${i}`, env, logger });
    if (response.status !== 201) throw new Error(`create answered ${response.status}: ${JSON.stringify(response.body)}`);
  };
  const run = async (count: number) => {
    let left = count;
    await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
      while (left > 0) {
        left -= 1;
        await createOne();
      }
    }));
  };

  await run(WARM_UP);
  const stopProfiling = await startProfiling(PROFILE);
  const perRound: { statements: number; cpuMs: number; wallMs: number }[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    counted.reset();
    const cpu = process.cpuUsage();
    const started = performance.now();
    await run(CREATES);
    const used = process.cpuUsage(cpu);
    perRound.push({ statements: counted.statements() / CREATES, cpuMs: (used.user + used.system) / 1000 / CREATES, wallMs: (performance.now() - started) / CREATES });
  }
  const lastRound = counted.byLabel();
  await stopProfiling();
  const pending = await db.payment.count({ where: { status: "PENDING" } });
  const total = WARM_UP + CREATES * ROUNDS;
  if (pending !== total) throw new Error(`${pending} of ${total} payments are pending`);

  console.log(`${CREATES} creates × ${ROUNDS} rounds (after ${WARM_UP} to warm up), ${CONCURRENCY} at a time, zero-latency simulator in this process`);
  console.log(`statements per create: ${perRound.map((r) => r.statements.toFixed(2)).join(" / ")}`);
  const cpu = perRound.map((r) => r.cpuMs);
  console.log(`CPU per create (Malipo and the simulator): ${cpu.map((ms) => ms.toFixed(3)).join(" / ")} ms (least ${Math.min(...cpu).toFixed(3)}, median ${median(cpu).toFixed(3)} ms)`);
  console.log(`wall per create (noisy): ${median(perRound.map((r) => r.wallMs)).toFixed(3)} ms`);
  console.log("statements of the last round, per create:");
  for (const { label, text, n: count } of lastRound) console.log(`  ${(count / CREATES).toFixed(2).padStart(6)}  ${SHOW_SQL ? text : label}`);
  await db.$disconnect();
  const { stopSenderBoss } = await import("@/lib/jobs/boss");
  await stopSenderBoss();
  await counted.pool.end();
} finally {
  await simulator.close();
  await server.stop();
  await rm(dir, { recursive: true, force: true });
}
