import { getDb } from "@/lib/db/client";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { getEnv, type Env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { defineRoute, type RouteBase } from "@/lib/http/route";
import { consumeRateLimit } from "@/lib/rate-limit/consume-rate-limit";
import { authenticateApiKey, type ApiAuth } from "@/lib/storefronts/authenticate-api-key";

export interface ApiContext<P> extends RouteBase {
  params: P;
  searchParams: Record<string, string>;
  auth: ApiAuth;
  env: Env;
  db: PrismaClient;
}

export type ApiHandler<P> = (req: Request, ctx: ApiContext<P>) => Promise<Response>;

/**
 * A storefront API route: authenticates the API key, applies the per-key rate limit (429 with
 * Retry-After), and hands the handler its query and tenant. Every answer is never cached.
 */
export function withApiKey<P = Record<string, never>>(name: string, handler: ApiHandler<P>) {
  return defineRoute<P, Omit<ApiContext<P>, keyof RouteBase | "params">>(name, {
    scope: "api",
    noStore: true,
    timed: true,
    enter: async (req, base) => {
      const env = getEnv();
      const db = getDb();
      const auth = await authenticateApiKey(db, req.headers.get("authorization"));
      base.logger = base.logger.child({ storefrontId: auth.storefrontId, apiKeyId: auth.apiKeyId });
      const limit = await consumeRateLimit(db, { key: `api:${auth.apiKeyId}`, limit: env.api.rateLimitPerMinute });
      if (!limit.allowed) {
        throw new AppError("rate_limited", `Too many requests: this API key may make ${limit.limit} requests a minute. Retry in ${limit.retryAfterSeconds} s.`, {
          headers: { "Retry-After": String(limit.retryAfterSeconds) },
        });
      }
      return { searchParams: Object.fromEntries(new URL(req.url).searchParams), auth, env, db };
    },
  }, handler);
}
