import { randomUUID } from "node:crypto";
import { errorResponse } from "@/lib/http/error-response";
import { createLogger, type Logger } from "@/lib/logger";
import { getProcessMetrics } from "@/lib/metrics/process-metrics";
import { measureRequestTime } from "@/lib/metrics/provider-time";

type RouteContext<P> = { params: Promise<P> };

/** What every handler gets: its request id, a logger tagged with it, and the awaited params. */
export interface RouteBase {
  requestId: string;
  /** The route's logger; `enter` may replace it with a more specific one (a storefront's). */
  logger: Logger;
}

export interface RouteOptions<X> {
  /** Logger name: "http" for the web's own routes, "api" for the storefront API. */
  scope: string;
  /** Every answer, errors included, says Cache-Control: no-store. */
  noStore?: boolean;
  /** Count each request's own time and M-Pesa time in the API histograms (lib/metrics/provider-time.ts). */
  timed?: boolean;
  /** Runs before the handler (authentication, rate limits); what it returns joins the handler's context. */
  enter: (req: Request, base: RouteBase) => Promise<X>;
}

/**
 * The one route core: request id, entry checks, awaited params, and the error contract
 * (lib/http/error-response.ts) for anything thrown, entry checks included. withPublic, withSession
 * and withApiKey are its presets; a route handler is always wrapped by one of them.
 */
export function defineRoute<P, X>(name: string, options: RouteOptions<X>, handler: (req: Request, ctx: RouteBase & X & { params: P }) => Promise<Response>) {
  const routeLogger = createLogger(options.scope).child({ route: name });
  const answer = async (req: Request, context: RouteContext<P>): Promise<Response> => {
    const requestId = randomUUID();
    const base: RouteBase = { requestId, logger: routeLogger.child({ requestId }) };
    let res: Response;
    try {
      const extra = await options.enter(req, base);
      const params = ((await context?.params) ?? {}) as P;
      res = await handler(req, { ...base, ...extra, params });
    } catch (error) {
      res = errorResponse(error, base.logger);
    }
    res.headers.set("Request-Id", requestId);
    if (options.noStore) res.headers.set("Cache-Control", "no-store");
    return res;
  };
  if (!options.timed) return answer;
  return async (req: Request, context: RouteContext<P>): Promise<Response> => {
    const { result, ownMs, providerMs } = await measureRequestTime(() => answer(req, context));
    const metrics = getProcessMetrics();
    metrics.apiOwnSeconds.observe({ route: name }, ownMs / 1000);
    if (providerMs > 0) metrics.apiProviderSeconds.observe({ route: name }, providerMs / 1000);
    return result;
  };
}
