import "server-only";
import { randomUUID } from "node:crypto";
import { checkAccess, ACCESS_MESSAGES, type AccessLevel, type SessionUser } from "@/lib/auth/access";
import { getCurrentUser } from "@/lib/auth/current-user";
import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/http/error-response";
import { createLogger } from "@/lib/logger";

type RouteContext<P> = { params: Promise<P> };
export type SessionHandler<P> = (req: Request, ctx: { params: P; user: SessionUser; searchParams: URLSearchParams; requestId: string }) => Promise<Response>;

/**
 * Wraps a dashboard route handler: refuses anyone signed out (401) or below the level (403) before
 * the handler runs, awaits params, and maps errors to the one error contract.
 */
export function withSession<P = Record<string, never>>(name: string, level: AccessLevel, handler: SessionHandler<P>) {
  const logger = createLogger("http").child({ route: name });
  return async (req: Request, context: RouteContext<P>): Promise<Response> => {
    const requestId = randomUUID();
    try {
      const decision = checkAccess(await getCurrentUser(), level);
      if (!decision.ok) {
        throw new AppError(decision.reason === "unauthenticated" ? "unauthenticated" : "forbidden", ACCESS_MESSAGES[decision.reason]);
      }
      const params = (await context?.params) ?? ({} as P);
      const res = await handler(req, { params, user: decision.user, searchParams: new URL(req.url).searchParams, requestId });
      res.headers.set("Request-Id", requestId);
      return res;
    } catch (error) {
      const res = errorResponse(error, logger.child({ requestId }));
      res.headers.set("Request-Id", requestId);
      return res;
    }
  };
}
