import { randomBytes } from "node:crypto";
import os from "node:os";
import type { Job, JobResult, PgBoss } from "pg-boss";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createBoss } from "@/lib/jobs/boss";
import { PermanentJobError, type JobDefinition } from "@/lib/jobs/define-job";
import { createLogger } from "@/lib/logger";
import { countJobFailure, countJobRun } from "@/lib/metrics/count-job-run";
import type { Env } from "@/lib/env";

const log = createLogger("worker");

export interface WorkerRuntime {
  id: string;
  boss: PgBoss;
  /** Stops taking work, lets in-flight jobs finish (or return to the queue at expiry), then resolves. */
  stop(timeoutMs?: number): Promise<void>;
}

export interface StartWorkerOptions {
  env: Env;
  db: PrismaClient;
  definitions: JobDefinition[];
  heartbeatMs?: number;
}

export async function startWorker({ env, db, definitions, heartbeatMs = 5000 }: StartWorkerOptions): Promise<WorkerRuntime> {
  const id = `${os.hostname()}-${process.pid}-${randomBytes(3).toString("hex")}`;
  const boss = createBoss({ databaseUrl: env.database.url, role: "worker", superviseIntervalSeconds: env.worker.superviseIntervalSeconds });
  await boss.start();
  const timers: NodeJS.Timeout[] = [];

  for (const def of definitions) {
    const { policy, ...queue } = def.queue;
    const existing = await boss.getQueue(def.name);
    if (existing) await boss.updateQueue(def.name, { ...queue, notify: true } as Parameters<PgBoss["updateQueue"]>[1]);
    else await boss.createQueue(def.name, { ...queue, policy: policy ?? "standard", notify: true } as Parameters<PgBoss["createQueue"]>[1]);
    await boss.work(
      def.name,
      {
        // Each fetch takes up to a batch, run side by side; a full batch means more is waiting, so
        // fetch again at once instead of waiting for the next NOTIFY or poll.
        batchSize: def.batchSize ?? 8,
        burstWhenBatchFull: true,
        perJobResults: true,
        localConcurrency: def.concurrency ?? env.worker.concurrency,
        // NOTIFY wakes workers for new jobs; retries and delayed jobs raise no NOTIFY, so the poll
        // that finds them stays short.
        pollingIntervalSeconds: 1,
        notifyPollingIntervalSeconds: 1,
      },
      async (jobs: Job<object>[]): Promise<JobResult[]> =>
        Promise.all(
          jobs.map(async (job): Promise<JobResult> => {
            try {
              const output = await runJob(def, job);
              countJobRun(def.name, output);
              return { id: job.id, status: "completed", output };
            } catch (error) {
              countJobFailure(def.name);
              // "failed" is retried by the queue's policy until its retry limit.
              return { id: job.id, status: "failed", output: { message: error instanceof Error ? error.message : String(error) } };
            }
          }),
        ),
    );
    if (def.everySeconds) {
      const seconds = def.everySeconds(env);
      const enqueue = () =>
        // singletonKey + singletonSeconds: many workers, one pending run per period.
        boss.send(def.name, {}, { singletonKey: def.name, singletonSeconds: Math.max(1, seconds - 1) })
          .catch((error) => log.warn({ err: error, job: def.name }, "could not enqueue periodic job"));
      void enqueue();
      timers.push(setInterval(enqueue, seconds * 1000));
    }
  }

  const beat = async () => {
    const now = new Date();
    await db.workerHeartbeat
      .upsert({ where: { id }, create: { id, hostname: os.hostname(), pid: process.pid, startedAt: now, lastSeenAt: now }, update: { lastSeenAt: now } })
      .catch((error) => log.warn({ err: error }, "heartbeat failed"));
  };
  await beat();
  timers.push(setInterval(beat, heartbeatMs));
  log.info({ workerId: id, queues: definitions.map((d) => d.name) }, "worker started");

  return {
    id,
    boss,
    async stop(timeoutMs = 30_000) {
      for (const t of timers) clearInterval(t);
      await boss.stop({ graceful: true, timeout: timeoutMs, close: true });
      await db.workerHeartbeat.delete({ where: { id } }).catch(() => undefined);
      log.info({ workerId: id }, "worker stopped");
    },
  };
}

async function runJob(def: JobDefinition, job: Job<object>): Promise<unknown> {
  const logger = log.child({ job: def.name, jobId: job.id, attempt: job.retryCount + 1 });
  const parsed = def.schema.safeParse(job.data);
  if (!parsed.success) {
    // A payload that can never be valid is completed with the reason, not retried.
    logger.error({ issues: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`) }, "invalid job payload; not retried");
    return { rejected: "invalid payload" };
  }
  const started = performance.now();
  try {
    const output = await def.handler(parsed.data, { jobId: job.id, retryCount: job.retryCount, logger, signal: job.signal });
    // Periodic jobs run every second or so: their routine completions are debug-level noise.
    logger[def.everySeconds ? "debug" : "info"]({ durationMs: Math.round(performance.now() - started) }, "job completed");
    return output;
  } catch (error) {
    const durationMs = Math.round(performance.now() - started);
    if (error instanceof PermanentJobError) {
      logger.error({ err: error, durationMs }, "job failed permanently; not retried");
      return { rejected: error.message };
    }
    logger.warn({ err: error, durationMs }, "job failed; will retry per queue policy");
    throw error;
  }
}
