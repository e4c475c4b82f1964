import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createPrisma } from "@/lib/db/client";
import { parseEnv } from "@/lib/env";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { getHealth } from "@/lib/health/get-health";
import { defineJob, PermanentJobError, type JobDefinition } from "@/lib/jobs/define-job";
import { startWorker, type WorkerRuntime } from "@/lib/jobs/runtime";
import { sendJob } from "@/lib/jobs/send-job";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";

const calls: Record<string, unknown[]> = { echo: [], flaky: [], permanent: [], slow: [], laned: [], plans: [] };
let flakyFailures = 1;
let releaseSlow: () => void = () => undefined;
let slowStarted: () => void = () => undefined;
const slowStartedPromise = new Promise<void>((r) => (slowStarted = r));

const fastRetry = { retryLimit: 2, retryDelay: 0, expireInSeconds: 30 };
const echo = defineJob({ name: "test.echo", schema: z.object({ n: z.number().int() }), queue: fastRetry, handler: async (d) => { calls.echo!.push(d.n); } });
const flaky = defineJob({
  name: "test.flaky", schema: z.object({}), queue: fastRetry,
  handler: async (_d, ctx) => { calls.flaky!.push(ctx.retryCount); if (flakyFailures-- > 0) throw new Error("transient"); },
});
const permanent = defineJob({
  name: "test.permanent", schema: z.object({}), queue: fastRetry,
  handler: async () => { calls.permanent!.push(1); throw new PermanentJobError("can never work"); },
});
const slow = defineJob({
  name: "test.slow", schema: z.object({}), queue: fastRetry,
  handler: async () => { slowStarted(); await new Promise<void>((r) => (releaseSlow = r)); calls.slow!.push("done"); },
});
// Lanes by parity, each in descending order: the handler logs when each job starts and ends.
const laned = defineJob({
  name: "test.laned", schema: z.object({ n: z.number().int() }), queue: fastRetry,
  handler: async (d, ctx) => {
    calls.laned!.push(`start ${d.n}`);
    await new Promise((r) => setTimeout(r, 20));
    calls.laned!.push(`end ${d.n}`);
    if (d.n === 4 && ctx.retryCount === 0) throw new Error("transient");
  },
  lanes: async (jobs) => {
    calls.plans!.push(jobs.length);
    const ordered = [...jobs].sort((a, b) => b.data.n - a.data.n);
    return [ordered.filter((j) => j.data.n % 2 === 0).map((j) => j.id), ordered.filter((j) => j.data.n % 2 === 1).map((j) => j.id)];
  },
  // One fetch loop, as callbacks.process has: two loops fetching at once split the batch between
  // them (SKIP LOCKED), and the plan would see part of it.
  concurrency: 1,
});
const definitions = [echo, flaky, permanent, slow, laned] as JobDefinition[];

async function until(check: () => boolean | Promise<boolean>, ms = 15_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("the worker runtime", () => {
  let database: TestDatabase;
  let db: PrismaClient;
  let worker: WorkerRuntime;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = createPrisma(database.url, 4);
    worker = await startWorker({ env: parseEnv({ DATABASE_URL: database.url }), db, definitions, heartbeatMs: 200 });
  });
  afterAll(async () => {
    await worker.stop(1000).catch(() => undefined);
    await db.$disconnect();
    await database.drop();
  });

  it("creates a queue per definition and runs a job once", async () => {
    for (const def of definitions) expect(await worker.boss.getQueue(def.name)).not.toBeNull();
    await sendJob(echo, { n: 7 }, { boss: worker.boss });
    await until(() => calls.echo!.includes(7));
    expect(calls.echo).toEqual([7]);
  });

  it("refuses a payload that fails its schema at send time", async () => {
    await expect(sendJob(echo, { n: "seven" } as never, { boss: worker.boss })).rejects.toThrow();
  });

  it("completes a job whose stored payload is invalid without running or retrying it", async () => {
    const id = await worker.boss.send("test.echo", { n: "not a number" });
    await until(async () => (await worker.boss.getJobById("test.echo", id!))?.state === "completed");
    const job = await worker.boss.getJobById("test.echo", id!);
    expect(job?.retryCount).toBe(0);
    expect(job?.output).toEqual({ rejected: "invalid payload" });
    expect(calls.echo).toEqual([7]);
  });

  it("retries a transient failure and succeeds on the next attempt", async () => {
    await sendJob(flaky, {}, { boss: worker.boss });
    await until(() => calls.flaky!.length === 2);
    expect(calls.flaky).toEqual([0, 1]);
  });

  it("does not retry a permanent failure", async () => {
    const id = await sendJob(permanent, {}, { boss: worker.boss });
    await until(async () => (await worker.boss.getJobById("test.permanent", id!))?.state === "completed");
    await new Promise((r) => setTimeout(r, 1500));
    expect(calls.permanent).toEqual([1]);
  });

  it("enqueues inside a Prisma transaction only when it commits", async () => {
    await db.$transaction(async (tx) => {
      await sendJob(echo, { n: 100 }, { tx, boss: worker.boss });
    });
    await expect(
      db.$transaction(async (tx) => {
        await sendJob(echo, { n: 200 }, { tx, boss: worker.boss });
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    await until(() => calls.echo!.includes(100));
    await new Promise((r) => setTimeout(r, 1500));
    expect(calls.echo).not.toContain(200);
  });

  it("runs a fetched batch in its definition's lanes, one job after another within a lane, each job settled alone", async () => {
    // One INSERT: the jobs become visible together, so one fetch takes them all.
    const ids = await worker.boss.insert("test.laned", [1, 2, 3, 4].map((n) => ({ data: { n } })), { returnId: true });
    const jobs = async () => Promise.all(ids!.map((id) => worker.boss.getJobById("test.laned", id)));
    await until(async () => (await jobs()).every((j) => j?.state === "completed"));
    // The failed job was retried alone (a lone job needs no plan); its lane-mate did not wait for it.
    expect(calls.plans).toEqual([4]);
    expect((await jobs()).map((j) => j!.retryCount)).toEqual([0, 0, 0, 1]);
    const log = (calls.laned as string[]).slice(0, 8);
    // Even lane: 4 then 2; odd lane: 3 then 1; the lanes side by side.
    expect(log.indexOf("end 4")).toBeLessThan(log.indexOf("start 2"));
    expect(log.indexOf("end 3")).toBeLessThan(log.indexOf("start 1"));
    expect(log.indexOf("start 3")).toBeLessThan(log.indexOf("end 4"));
    expect(calls.laned!.slice(8)).toEqual(["start 4", "end 4"]);
  });

  it("writes a heartbeat that health reads, and on stop lets an in-flight job finish first", async () => {
    const env = parseEnv({ DATABASE_URL: database.url });
    expect((await getHealth(db, env.worker.heartbeatStaleSeconds)).worker.status).toBe("up");
    await sendJob(slow, {}, { boss: worker.boss });
    await slowStartedPromise;
    const stopping = worker.stop(10_000);
    await new Promise((r) => setTimeout(r, 300));
    expect(calls.slow).toEqual([]);
    releaseSlow();
    await stopping;
    expect(calls.slow).toEqual(["done"]);
    const health = await getHealth(db, env.worker.heartbeatStaleSeconds);
    expect(health.worker.status).toBe("down");
    expect(health.status).toBe("degraded");
  });
});
