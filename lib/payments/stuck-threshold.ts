import type { Env } from "@/lib/env";

/**
 * When an unsettled payment needs a person: well past the point where the worker starts querying
 * Daraja, but before the expiry sweep would settle it — at least five minutes, at most the expiry.
 */
export function stuckAfterSeconds(env: Pick<Env, "payments">): number {
  const { reconcileAfterSeconds, expirySeconds } = env.payments;
  return Math.min(expirySeconds, Math.max(300, reconcileAfterSeconds * 5));
}
