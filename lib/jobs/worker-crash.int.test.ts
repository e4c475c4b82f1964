import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startGateway, type Gateway } from "@/lib/testing/gateway";
import { rawRequest } from "@/lib/testing/http-request";
import { spawnTsx, waitUntil, type NodeProcess } from "@/lib/testing/node-process";
import { inBatches, insertPendingPayments, settlementReport, type PendingPayment } from "@/lib/testing/pending-payments";

/**
 * Issue 5's crash-safety acceptance with real worker processes (`node --import tsx worker/index.ts`)
 * on one database: a worker SIGKILLed in the middle of 1,000 callbacks, and two workers sharing
 * 1,000 callbacks. Callbacks enter through the HTTP route, as Daraja's would.
 */

const CALLBACKS = 1000;
const ACK = { ResultCode: 0, ResultDesc: "Accepted" };

describe("worker processes over 1,000 callbacks", () => {
  let gw: Gateway;
  const workers: NodeProcess[] = [];

  const startWorker = () => {
    const worker = spawnTsx("worker/index.ts", {
      NODE_ENV: "test", MALIPO_MODE: "demo", LOG_LEVEL: "info", MALIPO_SERVICE: "worker",
      DATABASE_URL: gw.env.database.url, CALLBACK_SECRET: gw.env.secrets.callback, SIMULATOR_PORT: String(gw.sim.port),
      // A dead worker's jobs come back at the next supervise pass once their heartbeat is 10 s old.
      WORKER_SUPERVISE_INTERVAL_SECONDS: "1",
      // Only callbacks settle these payments: no status queries, no expiry.
      RECONCILE_AFTER_SECONDS: "3600", PAYMENT_EXPIRY_SECONDS: "86400",
    });
    workers.push(worker);
    return worker;
  };
  const post = async (payments: PendingPayment[]) => {
    const answers = await inBatches(payments.length, 16, (i) =>
      rawRequest(`${gw.app.url}${payments[i]!.callbackPath}`, { method: "POST", body: payments[i]!.successBody, headers: { "Content-Type": "application/json" } }));
    expect(answers.filter((a) => a.status !== 200 || JSON.stringify(a.json) !== JSON.stringify(ACK))).toEqual([]);
  };
  const applied = (ids: string[]) => gw.db.callbackLog.count({ where: { paymentId: { in: ids }, outcome: "APPLIED" } });
  const jobStates = () => gw.db.$queryRaw<{ state: string; jobs: number; alreadyProcessed: number }[]>`
    SELECT state::text, count(*)::int AS jobs, count(*) FILTER (WHERE output->>'alreadyProcessed' = 'true')::int AS "alreadyProcessed"
    FROM pgboss.job WHERE name = 'callbacks.process' GROUP BY state`;
  const expectEachAppliedOnce = async (ids: string[], ...procs: NodeProcess[]) => {
    // Settled payments, and settled jobs: a job killed after its commit is retried after its payment settled.
    const unfinished = async () => (await gw.db.payment.count({ where: { id: { in: ids }, status: "PENDING" } }))
      + (await gw.db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'callbacks.process' AND state <> 'completed'`)[0]!.n;
    await waitUntil(async () => (await unfinished()) === 0, 60_000, "every payment and job to settle", ...procs);
    expect(await settlementReport(gw.db, ids)).toEqual({
      statuses: { SUCCEEDED: ids.length },
      callbackOutcomes: { APPLIED: ids.length },
      paymentsWithASuccessTransition: ids.length,
      mostSuccessTransitionsOfOnePayment: 1,
      callbackAttempts: { min: 1, max: 1 },
    });
  };

  beforeEach(async () => {
    // No in-process worker: the worker processes under test are the only ones.
    gw = await startGateway({ jobs: [] });
  });
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop()));
    await gw?.close();
  });

  it("loses nothing and applies nothing twice when a worker is SIGKILLed midway and another takes over", { timeout: 90_000 }, async () => {
    const payments = await insertPendingPayments(gw.db, { count: CALLBACKS, tag: "crash", callbackSecret: gw.env.secrets.callback });
    const ids = payments.map((p) => p.id);
    // Queued first, so the worker has a backlog to be killed in the middle of.
    await post(payments);
    const first = startWorker();
    await waitUntil(async () => (await applied(ids)) >= CALLBACKS / 5, 60_000, "the first worker to get going", first);
    first.child.kill("SIGKILL");
    expect(await first.exited).toEqual({ code: null, signal: "SIGKILL" });
    const appliedAtKill = await applied(ids);
    const heldByTheDead = await gw.db.$queryRaw<{ id: string }[]>`SELECT id::text FROM pgboss.job WHERE name = 'callbacks.process' AND state = 'active'`;
    expect(appliedAtKill).toBeLessThan(CALLBACKS);
    // Jobs in the dead worker's hands: only their missed heartbeats can bring them back.
    expect(heldByTheDead.length).toBeGreaterThan(0);

    const second = startWorker();
    await expectEachAppliedOnce(ids, second);
    const states = await jobStates();
    expect(states.map(({ state, jobs }) => ({ state, jobs }))).toEqual([{ state: "completed", jobs: CALLBACKS }]);
    const retried = await gw.db.$queryRaw<{ id: string; retryCount: number }[]>`
      SELECT id::text, retry_count AS "retryCount" FROM pgboss.job WHERE id = ANY(${heldByTheDead.map((j) => j.id)}::uuid[])`;
    // Those came back through the heartbeat check: each was failed once and run again.
    expect(retried).toHaveLength(heldByTheDead.length);
    expect(retried.every((j) => j.retryCount >= 1)).toBe(true);
  });

  it("never processes one job twice with two workers racing over the same backlog", { timeout: 90_000 }, async () => {
    const payments = await insertPendingPayments(gw.db, { count: CALLBACKS, tag: "pair", callbackSecret: gw.env.secrets.callback });
    const ids = payments.map((p) => p.id);
    await post(payments);
    const pair = [startWorker(), startWorker()];
    await expectEachAppliedOnce(ids, ...pair);
    // No job ran on a callback that an earlier run had already applied.
    expect((await jobStates()).map(({ state, jobs, alreadyProcessed }) => ({ state, jobs, alreadyProcessed }))).toEqual([{ state: "completed", jobs: CALLBACKS, alreadyProcessed: 0 }]);
    // Each worker's own account (read once they have stopped): both took part, and between them completed each job once.
    await Promise.all(pair.map((w) => w.stop()));
    const completions = pair.map((w) => w.output().split("\n").filter((l) => l.includes('"job":"callbacks.process"') && l.includes('"msg":"job completed"')).length);
    expect(completions.every((n) => n > 0)).toBe(true);
    expect(completions[0]! + completions[1]!).toBe(CALLBACKS);
  });
});
