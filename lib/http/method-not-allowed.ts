import { AppError } from "@/lib/errors";
import { withPublic } from "@/lib/http/with-public";

/** A handler for the methods a route does not support: 405 in the error contract, with Allow. */
export function methodNotAllowed(allowed: readonly string[]) {
  const allow = allowed.join(", ");
  // Params typed loosely: the same handler serves static and dynamic routes.
  return withPublic<Record<string, string | string[]>>("method-not-allowed", async (req) => {
    throw new AppError("method_not_allowed", `${req.method} is not supported here; use ${allow}`, { headers: { Allow: allow } });
  });
}
