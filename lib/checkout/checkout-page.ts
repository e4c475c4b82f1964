import { checkoutState, type CheckoutState } from "@/lib/checkout/checkout-stage";
import { getCheckoutByTokenOrThrow, returnSecretOf } from "@/lib/checkout/get-checkout-session";
import { linkCheckoutPayment } from "@/lib/checkout/pay-checkout";
import type { SessionWithPayment } from "@/lib/checkout/public-checkout-session";
import { signedReturnUrl, type ReturnResult } from "@/lib/checkout/sign-return";
import { formatKes } from "@/lib/dashboard/format-money";
import type { Env } from "@/lib/env";
import type { PrismaClient } from "@/lib/generated/prisma/client";

/** What the customer's page shows: no secret, no phone number but the one the storefront prefilled. */
export interface CheckoutPageView extends CheckoutState {
  token: string;
  merchantName: string;
  amountText: string;
  reference: string;
  description: string | null;
  prefilledPhone: string | null;
  /** Where "return to the shop" goes now, with the signed result; null when there is nowhere to go yet. */
  returnHref: string | null;
  /** Before a final result: the customer gives up, and goes back with a signed "cancelled". */
  cancelHref: string | null;
}

/** The session behind a page URL, its payment linked if one was started (a 404 for a bad token). */
export async function loadCheckout(db: PrismaClient, token: string): Promise<SessionWithPayment> {
  const session = await getCheckoutByTokenOrThrow(db, token);
  if (session.paymentId || !(await linkCheckoutPayment(db, session))) return session;
  return getCheckoutByTokenOrThrow(db, token);
}

export async function checkoutPageView(db: PrismaClient, token: string, ctx: { env: Env; now: Date }): Promise<CheckoutPageView> {
  const session = await loadCheckout(db, token);
  const storefront = await db.storefront.findUniqueOrThrow({ where: { id: session.storefrontId }, select: { name: true } });
  const state = checkoutState({ expiresAt: session.expiresAt, payment: session.payment }, ctx.now);
  const secret = returnSecretOf(session, ctx.env.secrets.data);
  const result = (status: ReturnResult["status"]): ReturnResult => ({ sessionId: session.id, paymentId: session.paymentId, status, amount: session.amount, reference: session.reference });
  const back = (status: ReturnResult["status"]) => {
    const base = status === "succeeded" ? session.returnUrl : (session.cancelUrl ?? session.returnUrl);
    return base ? signedReturnUrl(base, result(status), secret, ctx.now) : null;
  };
  // While a prompt is live nobody leaves with a result: it may still be paid.
  const canLeave = state.stage === "open" || state.stage === "unpaid";
  return {
    ...state,
    token: session.token,
    merchantName: storefront.name,
    amountText: formatKes(session.amount),
    reference: session.reference,
    description: session.description,
    prefilledPhone: session.payment ? null : session.phone,
    returnHref: state.returnStatus ? back(state.returnStatus) : null,
    cancelHref: canLeave ? back(state.returnStatus ?? "cancelled") : null,
  };
}
