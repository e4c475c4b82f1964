import { runIdempotent } from "@/lib/api/idempotency";
import { paymentResponse } from "@/lib/api/payment-responses";
import { requestFingerprint } from "@/lib/api/request-fingerprint";
import { startPayment } from "@/lib/charges/start-payment";
import { consumeRateLimit } from "@/lib/rate-limit/consume-rate-limit";
import { railForNewPayment } from "@/lib/collection-accounts/payment-rail";
import type { Env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { CheckoutSession, PrismaClient } from "@/lib/generated/prisma/client";
import type { Logger } from "@/lib/logger";

/** Each session may try to start its payment this many times a minute (a double tap, a reload). */
const PAY_ATTEMPTS_PER_MINUTE = 5;

/**
 * The customer pressed "Pay": the session's one payment, through the storefront API's own creation
 * path (startPayment). An idempotency row keyed by the session — a key no storefront can send, it has
 * spaces — is the lock: two taps, two tabs or two web processes make one payment and one prompt,
 * and the payment is linked to that row in the transaction that creates it, so it is never lost.
 */
export async function payCheckout(db: PrismaClient, options: { session: CheckoutSession; phone: string; env: Env; logger: Logger; now: Date }): Promise<void> {
  const { session, env, now } = options;
  if (await linkCheckoutPayment(db, session)) return;
  if (now >= session.expiresAt) throw new AppError("invalid_state", "This checkout has expired.");
  const limit = await consumeRateLimit(db, { key: `checkout-pay:${session.id}`, limit: PAY_ATTEMPTS_PER_MINUTE, now });
  if (!limit.allowed) throw new AppError("rate_limited", "Too many tries: wait a minute.", { headers: { "Retry-After": String(limit.retryAfterSeconds) } });

  // The session's currency chooses the rail among the storefront's accounts, as a create call's does.
  const { rail, accountId, phone, currency, timeoutMs } = await railForNewPayment(db, env, {
    storefrontId: session.storefrontId, mode: session.mode, phone: options.phone, amount: session.amount, currency: session.currency,
  });
  const firstRequestMaxMs = 2 * timeoutMs + 5_000;
  await runIdempotent(
    db,
    { storefrontId: session.storefrontId, mode: session.mode, key: sessionKey(session.id), requestPath: PATH, fingerprint: requestFingerprint("POST", PATH, { session: session.id }) },
    async (idempotencyKeyId) => paymentResponse((await startPayment(db, {
      storefrontId: session.storefrontId, mode: session.mode, rail, currency, collectionAccountId: accountId, idempotencyKeyId, logger: options.logger,
      input: { amount: session.amount, phone, reference: session.reference, description: session.description ?? undefined, metadata: { checkout_session: session.id } },
      expirySeconds: env.payments.expirySeconds, reconcileAfterSeconds: env.payments.reconcileAfterSeconds,
    })).payment),
    { waitMs: firstRequestMaxMs, abandonedAfterMs: firstRequestMaxMs, recover: async (paymentId) => paymentResponse(await db.payment.findUniqueOrThrow({ where: { id: paymentId } })) },
  );
  await linkCheckoutPayment(db, session);
}

/**
 * Puts the payment started for the session on the session row (once: the first writer wins) and
 * says whether there is one. Also heals a session whose process died between the two writes.
 */
export async function linkCheckoutPayment(db: PrismaClient, session: Pick<CheckoutSession, "id" | "storefrontId" | "mode" | "paymentId">): Promise<string | null> {
  if (session.paymentId) return session.paymentId;
  const row = await db.idempotencyKey.findUnique({
    where: { storefrontId_mode_key: { storefrontId: session.storefrontId, mode: session.mode, key: sessionKey(session.id) } },
    select: { paymentId: true },
  });
  if (!row?.paymentId) return null;
  await db.checkoutSession.updateMany({ where: { id: session.id, paymentId: null }, data: { paymentId: row.paymentId } });
  return row.paymentId;
}

const PATH = "POST /pay/{token}";

function sessionKey(sessionId: string): string {
  return `checkout session ${sessionId}`;
}
