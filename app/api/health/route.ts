import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { getHealth } from "@/lib/health/get-health";
import { withPublicRoute } from "@/lib/http/with-public-route";

export const dynamic = "force-dynamic";

// GET /api/health – database reachability and worker liveness; 503 when either is down.
export const GET = withPublicRoute("health", async () => {
  const health = await getHealth(getDb(), getEnv().worker.heartbeatStaleSeconds);
  return Response.json(health, { status: health.status === "ok" ? 200 : 503, headers: { "Cache-Control": "no-store" } });
});
