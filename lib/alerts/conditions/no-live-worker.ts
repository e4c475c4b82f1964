import { eat, type AlertCondition } from "@/lib/alerts/alert-condition";

/**
 * No worker alive: callbacks are stored but not applied, no status query runs, no webhook goes
 * out. Alerts are evaluated by a worker job, so while this holds the web processes evaluate and send
 * them instead (lib/alerts/web-heartbeat.ts): this is the condition that path exists for.
 */
export const noLiveWorker: AlertCondition = {
  kind: "no_live_worker",
  title: "No worker running",
  description: "No worker has beaten within WORKER_HEARTBEAT_STALE_SECONDS: callbacks wait unprocessed, payments are not reconciled and webhooks are not sent. The web process reports this itself.",
  severity: "critical",
  async evaluate({ db, now, env }) {
    const since = new Date(now.getTime() - env.worker.heartbeatStaleSeconds * 1000);
    const [alive, last] = await Promise.all([
      db.workerHeartbeat.count({ where: { lastSeenAt: { gte: since } } }),
      db.workerHeartbeat.findFirst({ orderBy: { lastSeenAt: "desc" }, select: { lastSeenAt: true } }),
    ]);
    if (alive > 0) return [];
    const seen = last ? `the last heartbeat was at ${eat(last.lastSeenAt)}` : "no worker has ever beaten";
    return [{ subject: "all", summary: `No worker is running (${seen}): callbacks are not being applied.`, details: { lastSeenAt: last?.lastSeenAt.toISOString() ?? null } }];
  },
};
