import { callbackRoute } from "@/lib/callbacks/callback-route";

/**
 * POST /api/callbacks/stk/{token}: store a Daraja STK callback and queue it (spooled locally while
 * PostgreSQL is unreachable); processing is the worker's. The app route exports this handler, and
 * the web server's fast path (lib/web/callback-fast-path.ts) calls the same one without Next.
 */
export const postStkCallback = callbackRoute("callbacks.stk", "STK", { ResultCode: 0, ResultDesc: "Accepted" });
