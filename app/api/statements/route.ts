import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { withSession } from "@/lib/http/with-session";
import { getClientAddress } from "@/lib/net/peer-address";
import { receiveStatementUpload } from "@/lib/statements/receive-statement-upload";

export const dynamic = "force-dynamic";

// POST /api/statements?accountId=acct_…&fileName=ORG_….csv – the raw CSV as the body (finance and admins); answers { report }.
export const POST = withSession("statements.upload", "user", async (req, { searchParams, user }) => {
  const env = getEnv();
  const { status, report, retryAfterSeconds } = await receiveStatementUpload(getDb(), env, {
    request: req, accountId: searchParams.get("accountId") ?? "", fileName: searchParams.get("fileName") ?? "",
    actor: { id: user.id, email: user.email }, ip: getClientAddress(req, env.callbacks.trustedProxies), now: new Date(),
  });
  const headers: Record<string, string> = { "Cache-Control": "no-store" };
  if (retryAfterSeconds) headers["Retry-After"] = String(retryAfterSeconds);
  return Response.json({ report }, { status, headers });
});
