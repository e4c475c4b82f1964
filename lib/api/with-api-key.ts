import { randomUUID } from "node:crypto";
import { authenticateApiKey, type ApiAuth } from "@/lib/api/authenticate-api-key";
import { consumeRateLimit } from "@/lib/api/consume-rate-limit";
import { getDb } from "@/lib/db";
import { getEnv, type Env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { errorResponse } from "@/lib/http/error-response";
import { createLogger, type Logger } from "@/lib/logger";

export interface ApiContext<P> {
  params: P;
  searchParams: Record<string, string>;
  auth: ApiAuth;
  requestId: string;
  logger: Logger;
  env: Env;
  db: PrismaClient;
}

type RouteContext<P> = { params: Promise<P> };
export type ApiHandler<P> = (req: Request, ctx: ApiContext<P>) => Promise<Response>;

/**
 * Wraps a storefront API route: authenticates the API key, applies the per-key rate limit (429 with
 * Retry-After), hands the handler its params, query and tenant, and turns anything thrown into the
 * error contract. Every answer carries Request-Id and is never cached.
 */
export function withApiKey<P = Record<string, never>>(name: string, handler: ApiHandler<P>) {
  const routeLogger = createLogger("api").child({ route: name });
  return async (req: Request, context: RouteContext<P>): Promise<Response> => {
    const requestId = randomUUID();
    let logger = routeLogger.child({ requestId });
    let res: Response;
    try {
      const env = getEnv();
      const db = getDb();
      const auth = await authenticateApiKey(db, req.headers.get("authorization"));
      logger = logger.child({ storefrontId: auth.storefrontId, apiKeyId: auth.apiKeyId });
      const limit = await consumeRateLimit(db, { key: `api:${auth.apiKeyId}`, limit: env.api.rateLimitPerMinute });
      if (!limit.allowed) {
        throw new AppError("rate_limited", `Too many requests: this API key may make ${limit.limit} requests a minute. Retry in ${limit.retryAfterSeconds} s.`, {
          headers: { "Retry-After": String(limit.retryAfterSeconds) },
        });
      }
      const params = ((await context?.params) ?? {}) as P;
      const searchParams = Object.fromEntries(new URL(req.url).searchParams);
      res = await handler(req, { params, searchParams, auth, requestId, logger, env, db });
    } catch (error) {
      res = errorResponse(error, logger);
    }
    res.headers.set("Request-Id", requestId);
    res.headers.set("Cache-Control", "no-store");
    return res;
  };
}
