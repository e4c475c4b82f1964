import { findOperatorAlerts, type OperatorAlertView } from "@/lib/alerts/find-operator-alerts";
import type { Db } from "@/lib/db/client";

export interface Health {
  status: "ok" | "degraded";
  database: { status: "up" | "down"; latencyMs?: number; error?: string };
  worker: { status: "up" | "down"; lastSeenAt: string | null; workers: number };
  /** Problems only an operator can fix (Daraja refusing our credentials, real callbacks refused). They do not make the status degraded: the processes are fine. */
  alerts: OperatorAlertView[];
  checkedAt: string;
}

/** Database reachability, worker liveness (a heartbeat fresher than `staleSeconds`) and operator alerts. */
export async function getHealth(db: Db, staleSeconds: number, now = new Date()): Promise<Health> {
  const started = performance.now();
  let database: Health["database"];
  let worker: Health["worker"] = { status: "down", lastSeenAt: null, workers: 0 };
  let alerts: OperatorAlertView[] = [];
  try {
    await withTimeout(db.$queryRawUnsafe("SELECT 1"), 3000);
    database = { status: "up", latencyMs: Math.round(performance.now() - started) };
    const since = new Date(now.getTime() - staleSeconds * 1000);
    const [latest, workers] = await Promise.all([
      db.workerHeartbeat.findFirst({ orderBy: { lastSeenAt: "desc" }, select: { lastSeenAt: true } }),
      db.workerHeartbeat.count({ where: { lastSeenAt: { gte: since } } }),
    ]);
    worker = { status: workers > 0 ? "up" : "down", lastSeenAt: latest?.lastSeenAt.toISOString() ?? null, workers };
    alerts = await findOperatorAlerts(db, { now });
  } catch (error) {
    database = { status: "down", error: error instanceof Error ? error.message.split("\n")[0] : "unreachable" };
  }
  const status = database.status === "up" && worker.status === "up" ? "ok" : "degraded";
  return { status, database, worker, alerts, checkedAt: now.toISOString() };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms).unref())]);
}
