// Container healthcheck of a worker: exits 0 when this host's worker wrote a heartbeat recently.
import os from "node:os";
import { getEnv } from "@/lib/env";
import { createPrisma } from "@/lib/db/client";

const env = getEnv();
const db = createPrisma(env.database.url, 1);
const since = new Date(Date.now() - env.worker.heartbeatStaleSeconds * 1000);
try {
  const fresh = await db.workerHeartbeat.count({ where: { hostname: os.hostname(), lastSeenAt: { gte: since } } });
  process.exitCode = fresh > 0 ? 0 : 1;
} catch {
  process.exitCode = 1;
} finally {
  await db.$disconnect();
}
