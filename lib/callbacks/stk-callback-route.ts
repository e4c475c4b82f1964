import { receiveStkCallback } from "@/lib/callbacks/receive-stk-callback";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { withPublic } from "@/lib/http/with-public";
import { startCallbackClock } from "@/lib/metrics/count-callback";

const ACCEPTED = { ResultCode: 0, ResultDesc: "Accepted" };

/**
 * POST /api/callbacks/stk/{token}: store a Daraja STK callback and queue it (spooled locally while
 * PostgreSQL is unreachable); processing is the worker's. The app route exports this handler, and
 * the web server's fast path (lib/web/callback-fast-path.ts) calls the same one without Next.
 */
export const postStkCallback = withPublic<{ token: string }>("callbacks.stk", async (req, { params }) => {
  const counted = startCallbackClock();
  const verdict = await receiveStkCallback(getDb(), { req, token: params.token, env: getEnv() }).catch((error: unknown) => {
    counted("error");
    throw error;
  });
  counted(verdict.kind);
  switch (verdict.kind) {
    case "accepted":
    case "spooled":
      return Response.json(ACCEPTED);
    case "address_rejected":
      throw new AppError("forbidden", "This address may not send callbacks");
    case "token_rejected":
      throw new AppError("not_found", "No such callback URL");
    case "too_large":
      throw new AppError("payload_too_large", "The callback body is too large");
  }
});
