import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { getBacklog } from "@/lib/health/get-backlog";
import { getHealth } from "@/lib/health/get-health";
import { withPublic } from "@/lib/http/with-public";
import { getSenderBoss } from "@/lib/jobs/boss";

export const dynamic = "force-dynamic";

// GET /api/health – readiness: database and worker (503 when either is down), with the spool, queue and webhook backlog.
export const GET = withPublic("health", async () => {
  const env = getEnv();
  const db = getDb();
  const health = await getHealth(db, env.worker.heartbeatStaleSeconds);
  const backlog = await getBacklog({ db, spoolDir: env.callbacks.spoolDir, databaseUp: health.database.status === "up", boss: getSenderBoss });
  return Response.json({ ...health, ...backlog }, { status: health.status === "ok" ? 200 : 503, headers: { "Cache-Control": "no-store" } });
});
