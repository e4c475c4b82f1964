// node --import tsx e2e/bench/callback-cost.ts [--callbacks N] [--rounds R] [--warm-up W] [--account] [--side-by-side] [--sql] [--profile out.cpuprofile]
//
// What one applied STK success callback costs the worker, counted rather than timed: the SQL
// statements its job handler sends (every query on the connection pool, BEGIN and COMMIT included)
// and the CPU time of this process per callback. It applies stored callbacks through the real
// callbacks.process handler against a throwaway embedded PostgreSQL, as the worker would (batches of
// eight through the runtime's batch path, lanes planned by the batch's one read; `--side-by-side`
// drops the lanes, as the runtime ran batches before them), with the bench's pending payments. `--account` gives the payments a
// collection account, so each success also writes its ledger line (the bench's payments have none).
// The statement count is exact and repeatable; the CPU figure is the median of the rounds.
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { freePort } from "@/lib/testing/free-port";
import { hasFlag, numberOption, startProfiling, stringOption } from "./cost-script";
import { countingPool } from "./counting-pool";
import { median } from "./stats";

const CALLBACKS = numberOption("callbacks", 400);
const ROUNDS = numberOption("rounds", 3);
const WARM_UP = numberOption("warm-up", 300);
const BATCH = 8;
const WITH_ACCOUNT = hasFlag("account");
const SIDE_BY_SIDE = hasFlag("side-by-side");
/** Prints each distinct statement of the last round once, in full. */
const SHOW_SQL = hasFlag("sql");
/** Writes a V8 CPU profile of the measured rounds only (open it in Chrome's DevTools). */
const PROFILE = stringOption("profile");
const SECRET = "bench-callback-secret-bench-callback-secret";

const dir = await mkdtemp(path.join(tmpdir(), "malipo-callback-cost-"));
await chmod(dir, 0o755);
const server = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), port: await freePort(), database: "malipo", ephemeral: true });
try {
  await migrate(server.url);
  // As the bench's worker runs: demo mode, warn-level logs. Set before the logger and env load.
  Object.assign(process.env, { MALIPO_MODE: "demo", DATABASE_URL: server.url, CALLBACK_SECRET: SECRET, LOG_LEVEL: "warn", DEMO_SECRETS_DIR: path.join(dir, "demo") });
  const { PrismaPg } = await import("@prisma/adapter-pg");
  const { PrismaClient } = await import("@/lib/generated/prisma/client");
  const counted = countingPool(server.url);
  const db = new PrismaClient({ adapter: new PrismaPg(counted.pool) });
  // The handler takes the process's client (getDb): this one.
  (globalThis as unknown as { __malipoPrisma?: unknown }).__malipoPrisma = db;
  const { processCallbackJob } = await import("@/lib/callbacks/process-callback-job");
  const { runBatch } = await import("@/lib/jobs/run-batch");
  const definition = (SIDE_BY_SIDE ? { ...processCallbackJob, lanes: undefined } : processCallbackJob) as import("@/lib/jobs/define-job").JobDefinition;
  const { createLogger } = await import("@/lib/logger");
  const { createBenchStorefront, insertPendingPayments, successCallbackTemplate } = await import("./fixtures");
  const workerLog = createLogger("worker");

  const { storefrontId } = await createBenchStorefront(db);
  let accountId: string | null = null;
  if (WITH_ACCOUNT) {
    accountId = "cacc_callbackcost";
    await db.$executeRawUnsafe(
      `INSERT INTO collection_accounts (id, storefront_id, mode, name, source, settings, updated_at)
       VALUES ($1, $2, 'TEST', 'Cost paybill', 'DASHBOARD', '{"environment":"sandbox","shortcode":"174379"}', now())`,
      accountId, storefrontId,
    );
  }
  const total = WARM_UP + CALLBACKS * ROUNDS;
  const payments = await insertPendingPayments(db, storefrontId, total, "cost");
  if (accountId) {
    await db.$executeRawUnsafe(`UPDATE payments SET collection_account_id = $1 WHERE storefront_id = $2`, accountId, storefrontId);
    await db.$executeRawUnsafe(`UPDATE payment_attempts SET collection_account_id = $1 WHERE payment_id LIKE 'pay_benchcost%'`, accountId);
  }
  const template = successCallbackTemplate("cost");
  const rows = await db.$queryRawUnsafe<{ id: bigint }[]>(
    `INSERT INTO callback_logs (token, body, headers, source_ip, ip_allowed, token_valid)
     SELECT split_part(p.path, '/', 5), replace(p.body, '{{n}}', (p.n - 1)::text), '{}'::jsonb, '196.201.214.200', true, true
       FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS p(path, body, n)
     ORDER BY p.n RETURNING id`,
    payments.map((p) => p.callbackPath), payments.map(() => template),
  );
  const ids = rows.map((r) => r.id).sort((a, b) => (a < b ? -1 : 1));

  // As the runtime runs a job: payload checked, a child logger per job, the handler.
  type FetchedJob = import("pg-boss").Job<object>;
  const run = async (_def: unknown, job: FetchedJob): Promise<import("pg-boss").JobResult> => {
    const logger = workerLog.child({ job: processCallbackJob.name, jobId: job.id, attempt: 1 });
    const parsed = processCallbackJob.schema.parse(job.data);
    const result = (await processCallbackJob.handler(parsed, { jobId: job.id, retryCount: 0, logger, signal: job.signal })) as { outcome: string };
    if (result.outcome !== "APPLIED") throw new Error(`callback ${parsed.callbackLogId} was ${result.outcome}`);
    return { id: job.id, status: "completed", output: result };
  };
  const asJob = (callbackLogId: bigint) =>
    ({ id: `job-${callbackLogId}`, data: { callbackLogId: String(callbackLogId) }, retryCount: 0, signal: new AbortController().signal }) as unknown as FetchedJob;
  const apply = async (batch: bigint[]) => {
    for (let i = 0; i < batch.length; i += BATCH) await runBatch(definition, batch.slice(i, i + BATCH).map(asJob), run);
  };

  await apply(ids.slice(0, WARM_UP));
  const stopProfiling = await startProfiling(PROFILE);
  const perRound: { statements: number; cpuMs: number; wallMs: number }[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const batch = ids.slice(WARM_UP + round * CALLBACKS, WARM_UP + (round + 1) * CALLBACKS);
    counted.reset();
    const cpu = process.cpuUsage();
    const started = performance.now();
    await apply(batch);
    const used = process.cpuUsage(cpu);
    perRound.push({ statements: counted.statements() / batch.length, cpuMs: (used.user + used.system) / 1000 / batch.length, wallMs: (performance.now() - started) / batch.length });
  }
  const lastRound = counted.byLabel();
  await stopProfiling();
  const succeeded = await db.payment.count({ where: { storefrontId, status: "SUCCEEDED" } });
  if (succeeded !== total) throw new Error(`${succeeded} of ${total} payments succeeded`);
  const attemptsSucceeded = await db.paymentAttempt.count({ where: { payment: { storefrontId }, status: "SUCCEEDED" } });
  if (attemptsSucceeded !== total) throw new Error(`${attemptsSucceeded} of ${total} attempts succeeded`);
  const applied = await db.callbackLog.count({ where: { outcome: "APPLIED", processedAt: { not: null }, attempts: 1 } });
  if (applied !== total) throw new Error(`${applied} of ${total} callbacks recorded as applied once`);
  const ledgerLines = WITH_ACCOUNT ? Number((await db.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM ledger_lines`))[0]!.n) : null;
  const events = Number((await db.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM webhook_events`))[0]!.n);

  console.log(`${CALLBACKS} callbacks × ${ROUNDS} rounds (after ${WARM_UP} to warm up), batches of ${BATCH}${SIDE_BY_SIDE ? " side by side (no lanes)" : " in lanes"}${WITH_ACCOUNT ? ", payments on a collection account" : ""}`);
  console.log(`statements per callback: ${perRound.map((r) => r.statements.toFixed(2)).join(" / ")}`);
  const cpu = perRound.map((r) => r.cpuMs);
  // Other processes on the machine only ever add to a round's CPU time: the least is the best estimate.
  console.log(`worker CPU per callback: ${cpu.map((ms) => ms.toFixed(3)).join(" / ")} ms (least ${Math.min(...cpu).toFixed(3)}, median ${median(cpu).toFixed(3)} ms)`);
  console.log(`wall per callback (noisy): ${median(perRound.map((r) => r.wallMs)).toFixed(3)} ms`);
  console.log(`payments succeeded: ${succeeded}, webhook events: ${events}${ledgerLines === null ? "" : `, ledger lines: ${ledgerLines}`}`);
  console.log("statements of the last round, per callback:");
  for (const { label, text, n } of lastRound) console.log(`  ${(n / CALLBACKS).toFixed(2).padStart(6)}  ${SHOW_SQL ? text : label}`);
  await db.$disconnect();
  await counted.pool.end();
} finally {
  await server.stop();
  await rm(dir, { recursive: true, force: true });
}
