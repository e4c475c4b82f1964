import "server-only";
import { checkAccess, ACCESS_MESSAGES, type AccessLevel, type SessionUser } from "@/lib/auth/access";
import { getCurrentUser } from "@/lib/auth/current-user";
import { AppError } from "@/lib/errors";
import { defineRoute, type RouteBase } from "@/lib/http/route";

export type SessionHandler<P> = (req: Request, ctx: RouteBase & { params: P; user: SessionUser; searchParams: URLSearchParams }) => Promise<Response>;

/** A dashboard route: refuses anyone signed out (401) or below the level (403) before the handler runs. */
export function withSession<P = Record<string, never>>(name: string, level: AccessLevel, handler: SessionHandler<P>) {
  return defineRoute<P, { user: SessionUser; searchParams: URLSearchParams }>(name, {
    scope: "http",
    enter: async (req) => {
      const decision = checkAccess(await getCurrentUser(), level);
      if (!decision.ok) {
        throw new AppError(decision.reason === "unauthenticated" ? "unauthenticated" : "forbidden", ACCESS_MESSAGES[decision.reason]);
      }
      return { user: decision.user, searchParams: new URL(req.url).searchParams };
    },
  }, handler);
}
