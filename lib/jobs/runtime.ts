import { randomBytes } from "node:crypto";
import os from "node:os";
import type { Job, JobResult, PgBoss } from "pg-boss";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createBoss } from "@/lib/jobs/boss";
import type { JobDefinition } from "@/lib/jobs/define-job";
import { runBatch } from "@/lib/jobs/run-batch";
import { createLogger } from "@/lib/logger";
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
        // Each fetch takes up to a batch, run side by side (or in the definition's lanes); a full
        // batch means more is waiting, so fetch again at once instead of waiting for the next
        // NOTIFY or poll.
        batchSize: def.batchSize ?? 8,
        burstWhenBatchFull: true,
        perJobResults: true,
        localConcurrency: def.concurrency ?? env.worker.concurrency,
        // NOTIFY wakes workers for new jobs; retries and delayed jobs raise no NOTIFY, so the poll
        // that finds them stays short.
        pollingIntervalSeconds: 1,
        notifyPollingIntervalSeconds: 1,
      },
      // Per-job results: one job's failure is retried alone, never its batch-mates'.
      (jobs: Job<object>[]): Promise<JobResult[]> => runBatch(def, jobs),
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
