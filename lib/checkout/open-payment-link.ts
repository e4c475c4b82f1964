import { createCheckoutSession } from "@/lib/checkout/create-checkout-session";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { CheckoutSession, PaymentLink } from "@/lib/generated/prisma/client";
import { randomBase62 } from "@/lib/ids";
import { ACCOUNT_REFERENCE_MAX_LENGTH } from "@/lib/rails/daraja/limits";

/** A link's page by its token; unknown is a 404, an inactive one says so on the page. */
export async function getPaymentLinkByTokenOrThrow(db: Db, token: string): Promise<PaymentLink & { storefront: { name: string } }> {
  const link = /^[0-9A-Za-z]{24}$/.test(token) ? await db.paymentLink.findUnique({ where: { token }, include: { storefront: { select: { name: true } } } }) : null;
  if (!link) throw new AppError("not_found", "No such payment link.");
  return link;
}

/** The amount a use of the link is for: its fixed amount, or the customer's within its bounds. */
export function amountForLink(link: Pick<PaymentLink, "amount" | "minAmount" | "maxAmount">, entered: number | null): number {
  if (link.amount !== null) return link.amount;
  if (entered === null || entered < (link.minAmount ?? 1) || entered > (link.maxAmount ?? Number.MAX_SAFE_INTEGER)) {
    throw new AppError("validation_failed", `amount: must be between ${link.minAmount} and ${link.maxAmount}`, { param: "amount" });
  }
  return entered;
}

/**
 * One use of a payment link: its own checkout session (so its own payment), with a reference of the
 * link's prefix and a random suffix that fits M-Pesa's 12 characters.
 */
export async function openPaymentLink(db: Db, options: { link: PaymentLink; amount: number; dataSecret: string; now: Date }): Promise<CheckoutSession> {
  const { link } = options;
  if (!link.active) throw new AppError("invalid_state", "This payment link is no longer active.");
  const suffix = randomBase62(ACCOUNT_REFERENCE_MAX_LENGTH).toUpperCase().slice(0, ACCOUNT_REFERENCE_MAX_LENGTH - link.referencePrefix.length);
  const { session } = await createCheckoutSession(db, {
    storefrontId: link.storefrontId, mode: link.mode, amount: options.amount, reference: `${link.referencePrefix}${suffix}`,
    description: link.description ?? undefined, returnUrl: link.returnUrl, cancelUrl: link.cancelUrl, paymentLinkId: link.id,
  }, { dataSecret: options.dataSecret, now: options.now });
  return session;
}
