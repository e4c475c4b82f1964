import type { Db } from "@/lib/db/client";
import { encryptSecret } from "@/lib/crypto/secret-box";
import { AppError } from "@/lib/errors";
import type { CheckoutSession, Mode } from "@/lib/generated/prisma/client";
import { createId, randomBase62 } from "@/lib/ids";
import { returnUrlProblem } from "@/lib/checkout/return-url";
import { SESSION_DEFAULT_SECONDS, SESSION_MAX_SECONDS, SESSION_MIN_SECONDS } from "@/lib/checkout/schemas";

export interface NewCheckoutSession {
  storefrontId: string;
  mode: Mode;
  amount: number;
  reference: string;
  description?: string;
  returnUrl: string | null;
  cancelUrl?: string | null;
  phone?: string;
  /** When the session stops taking payments; default 30 minutes from now. */
  expiresAt?: Date;
  paymentLinkId?: string;
}

/** 32 base62 characters (≈ 190 bits): the customer's URL is the only key to the page. */
export const CHECKOUT_TOKEN_LENGTH = 32;

/**
 * Writes a checkout session with its own return secret (random, stored encrypted) and public token.
 * The return URLs are checked against the mode here, where it is known (https for live payments).
 */
export async function createCheckoutSession(db: Db, session: NewCheckoutSession, ctx: { dataSecret: string; now: Date }): Promise<{ session: CheckoutSession; returnSecret: string }> {
  for (const [param, url] of [["return_url", session.returnUrl], ["cancel_url", session.cancelUrl]] as const) {
    const problem = url ? returnUrlProblem(url, session.mode) : null;
    if (problem) throw new AppError("validation_failed", `${param}: ${problem}`, { param });
  }
  const expiresAt = session.expiresAt ?? new Date(ctx.now.getTime() + SESSION_DEFAULT_SECONDS * 1000);
  const lifetime = (expiresAt.getTime() - ctx.now.getTime()) / 1000;
  if (lifetime < SESSION_MIN_SECONDS || lifetime > SESSION_MAX_SECONDS) {
    throw new AppError("validation_failed", `expires_at: must be between ${SESSION_MIN_SECONDS / 60} minute and ${SESSION_MAX_SECONDS / 3600} hours from now`, { param: "expires_at" });
  }
  const returnSecret = `crs_${randomBase62(40)}`;
  const created = await db.checkoutSession.create({
    data: {
      id: createId("cs"), storefrontId: session.storefrontId, mode: session.mode, token: randomBase62(CHECKOUT_TOKEN_LENGTH),
      amount: session.amount, reference: session.reference, description: session.description ?? null,
      returnUrl: session.returnUrl, cancelUrl: session.cancelUrl ?? null, phone: session.phone ?? null,
      returnSecretEncrypted: encryptSecret(returnSecret, ctx.dataSecret), paymentLinkId: session.paymentLinkId ?? null,
      expiresAt, createdAt: ctx.now,
    },
  });
  return { session: created, returnSecret };
}
