import { defineRoute, type RouteBase } from "@/lib/http/route";

export type PublicHandler<P> = (req: Request, ctx: RouteBase & { params: P }) => Promise<Response>;

/** An unauthenticated route (health, callbacks, the OpenAPI document): the route core alone. */
export function withPublic<P = Record<string, never>>(name: string, handler: PublicHandler<P>) {
  return defineRoute<P, object>(name, { scope: "http", enter: async () => ({}) }, handler);
}
