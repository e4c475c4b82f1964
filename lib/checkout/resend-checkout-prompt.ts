import { resendPrompt } from "@/lib/charges/resend-prompt";
import { checkoutState } from "@/lib/checkout/checkout-stage";
import type { SessionWithPayment } from "@/lib/checkout/public-checkout-session";
import type { Db } from "@/lib/db/client";
import type { Env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { consumeRateLimit } from "@/lib/rate-limit/consume-rate-limit";

/** A customer may ask for the prompt again this many times in ten minutes. */
export const RESENDS_PER_TEN_MINUTES = 3;

/**
 * The customer's "send the prompt again": the admin's use case (resendPrompt), as the customer —
 * audited and on the timeline with source "checkout" — after the same checks (retryRefusal under the
 * payment's lock: never while an attempt is live or its outcome unknown), on an open session, and
 * rate-limited per session.
 */
export async function resendCheckoutPrompt(db: Db, options: { session: SessionWithPayment; env: Env; now: Date; ip?: string | null }): Promise<void> {
  const { session, now } = options;
  const state = checkoutState({ expiresAt: session.expiresAt, payment: session.payment }, now);
  if (!session.payment || !state.canResend) throw new AppError("invalid_state", "The prompt cannot be sent again now.");
  const limit = await consumeRateLimit(db, { key: `checkout-resend:${session.id}`, limit: RESENDS_PER_TEN_MINUTES, windowSeconds: 600, now });
  if (!limit.allowed) throw new AppError("rate_limited", "The prompt was sent again too often: wait a few minutes.", { headers: { "Retry-After": String(limit.retryAfterSeconds) } });
  await resendPrompt(db, {
    paymentId: session.payment.id, env: options.env, ip: options.ip, source: "checkout",
    actor: { id: null, email: `customer (checkout ${session.id})` },
    reason: "The customer asked for the prompt again on the checkout page",
  });
}
