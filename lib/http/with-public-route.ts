import { randomUUID } from "node:crypto";
import { createLogger } from "@/lib/logger";
import { errorResponse } from "@/lib/http/error-response";

type RouteContext<P> = { params: Promise<P> };
export type PublicHandler<P> = (req: Request, ctx: { params: P; requestId: string }) => Promise<Response>;

/** Wraps an unauthenticated route (health, callbacks): awaits params, tags a request id, maps errors. */
export function withPublicRoute<P = Record<string, never>>(name: string, handler: PublicHandler<P>) {
  const logger = createLogger("http").child({ route: name });
  return async (req: Request, context: RouteContext<P>): Promise<Response> => {
    const requestId = randomUUID();
    try {
      const params = (await context?.params) ?? ({} as P);
      const res = await handler(req, { params, requestId });
      res.headers.set("Request-Id", requestId);
      return res;
    } catch (error) {
      const res = errorResponse(error, logger.child({ requestId }));
      res.headers.set("Request-Id", requestId);
      return res;
    }
  };
}
