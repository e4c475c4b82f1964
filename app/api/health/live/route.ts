import { getEnv } from "@/lib/env";
import { withPublic } from "@/lib/http/with-public";
import { countSpool } from "@/lib/callbacks/spool/count-spool";

export const dynamic = "force-dynamic";

// GET /api/health/live – liveness: 200 whenever this process serves requests, whatever PostgreSQL
// does (a web spooling callbacks through an outage must stay in the load balancer), with its spool.
export const GET = withPublic("health.live", async () => {
  const spool = await countSpool(getEnv().callbacks.spoolDir).catch((error: unknown) => ({ error: error instanceof Error ? error.message : "unreadable" }));
  return Response.json(
    { status: "live", uptimeSeconds: Math.round(process.uptime()), spool, checkedAt: new Date().toISOString() },
    { headers: { "Cache-Control": "no-store" } },
  );
});
