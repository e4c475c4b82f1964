import { eat, type AlertCondition } from "@/lib/alerts/alert-condition";

/**
 * A worker that stopped beating without stopping (a clean stop deletes its heartbeat): killed,
 * crashed, or its host lost. Other workers carry its jobs on (the supervisor re-queues them), so it
 * is a warning; no live worker at all is its own, critical, condition. It clears when that worker
 * beats again, a newer worker starts on the same host (a restart in place), or its row is purged.
 */
export const workerMissing: AlertCondition = {
  kind: "worker_missing",
  title: "A worker stopped",
  description: "A worker's heartbeat went silent without a clean stop (WORKER_HEARTBEAT_STALE_SECONDS). Its jobs are picked up by the others; find out why it died.",
  severity: "warning",
  async evaluate({ db, now, env }) {
    const staleBefore = new Date(now.getTime() - env.worker.heartbeatStaleSeconds * 1000);
    const rows = await db.workerHeartbeat.findMany({ orderBy: { startedAt: "asc" } });
    const restartedOn = (hostname: string, after: Date) => rows.some((r) => r.hostname === hostname && r.startedAt > after && r.lastSeenAt >= staleBefore);
    return rows.filter((r) => r.lastSeenAt < staleBefore && !restartedOn(r.hostname, r.startedAt)).map((r) => ({
      subject: r.id,
      summary: `Worker ${r.id} (host ${r.hostname}, pid ${r.pid}) has not beaten since ${eat(r.lastSeenAt)} and did not stop cleanly.`,
      details: { worker: r.id, host: r.hostname, pid: r.pid, lastSeenAt: r.lastSeenAt.toISOString() },
    }));
  },
};
