import type { PgBoss } from "pg-boss";
import type { Db } from "@/lib/db/client";
import { countSpool, type SpoolCount } from "@/lib/callbacks/spool/count-spool";

/** pg-boss's counts as of its last monitor pass, at most WORKER_SUPERVISE_INTERVAL_SECONDS old. */
export interface QueueDepth {
  /** Jobs ready to run now, waiting for a worker. */
  ready: number;
  /** Jobs waiting for their start time (retries with backoff, scheduled queries). */
  deferred: number;
  active: number;
  /** Failed jobs still kept by pg-boss (recent failures, not an all-time total). */
  failed: number;
  byQueue: Record<string, { ready: number; deferred: number; active: number; failed: number }>;
}

/** What is waiting, and where: the numbers an operator watches besides up/down. */
export interface Backlog {
  spool: SpoolCount | { error: string };
  queue: QueueDepth | { error: string } | null;
  webhooks: { disabledEndpoints: number; failingEndpoints: number } | { error: string } | null;
}

export interface GetBacklogOptions {
  db: Db;
  spoolDir: string;
  /** PostgreSQL answered the readiness check; otherwise only the spool is read. */
  databaseUp: boolean;
  boss: () => Promise<Pick<PgBoss, "getQueues">>;
  timeoutMs?: number;
}

/**
 * The spool is read from disk and always reported (it is what grows while PostgreSQL is down); the
 * queue depth and webhook endpoints come from the database and are null while it is down. A part
 * that fails reports its error instead of failing the whole answer.
 */
export async function getBacklog({ db, spoolDir, databaseUp, boss, timeoutMs = 3000 }: GetBacklogOptions): Promise<Backlog> {
  const [spool, queue, webhooks] = await Promise.all([
    settle(countSpool(spoolDir), timeoutMs),
    databaseUp ? settle(queueDepth(boss), timeoutMs) : null,
    databaseUp ? settle(endpointHealth(db), timeoutMs) : null,
  ]);
  return { spool, queue, webhooks };
}

async function queueDepth(boss: GetBacklogOptions["boss"]): Promise<QueueDepth> {
  const queues = await (await boss()).getQueues();
  const depth: QueueDepth = { ready: 0, deferred: 0, active: 0, failed: 0, byQueue: {} };
  for (const q of queues) {
    depth.ready += q.readyCount;
    depth.deferred += q.deferredCount;
    depth.active += q.activeCount;
    depth.failed += q.failedCount;
    depth.byQueue[q.name] = { ready: q.readyCount, deferred: q.deferredCount, active: q.activeCount, failed: q.failedCount };
  }
  return depth;
}

async function endpointHealth(db: Db): Promise<{ disabledEndpoints: number; failingEndpoints: number }> {
  const [disabledEndpoints, failingEndpoints] = await Promise.all([
    db.webhookEndpoint.count({ where: { enabled: false } }),
    db.webhookEndpoint.count({ where: { enabled: true, failingSince: { not: null } } }),
  ]);
  return { disabledEndpoints, failingEndpoints };
}

async function settle<T>(work: Promise<T>, ms: number): Promise<T | { error: string }> {
  const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms).unref());
  try {
    return await Promise.race([work, timeout]);
  } catch (error) {
    return { error: error instanceof Error ? error.message.split("\n")[0]! : "failed" };
  }
}
