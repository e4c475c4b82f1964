import { z } from "zod";
import { backToPage, pageErrorFor, readCheckoutForm } from "@/lib/checkout/checkout-form-post";
import { loadCheckout } from "@/lib/checkout/checkout-page";
import { checkoutState } from "@/lib/checkout/checkout-stage";
import { amountForLink, getPaymentLinkByTokenOrThrow, openPaymentLink } from "@/lib/checkout/open-payment-link";
import { payCheckout } from "@/lib/checkout/pay-checkout";
import { resendCheckoutPrompt } from "@/lib/checkout/resend-checkout-prompt";
import { linkAmountSchema, payFormSchema } from "@/lib/checkout/schemas";
import type { Lang } from "@/lib/checkout/strings";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import type { Logger } from "@/lib/logger";
import { parseInput } from "@/lib/http/parse-input";

/**
 * The checkout pages' form posts (they work without JavaScript): each does its use case and sends
 * the browser back to a page with 303; a refusal the customer can act on comes back as ?error=…,
 * anything else (a bad token: 404) goes to the route's error contract.
 */
async function afterPost(path: string, lang: Lang, work: () => Promise<string | void>): Promise<Response> {
  try {
    return backToPage((await work()) ?? path, lang);
  } catch (error) {
    const shown = pageErrorFor(error);
    if (shown) return backToPage(path, lang, shown);
    throw error;
  }
}

/** POST /pay/{token}/pay: the customer's number; the session's one payment and its prompt. */
export async function postPay(req: Request, token: string, logger: Logger): Promise<Response> {
  const db = getDb();
  const session = await loadCheckout(db, token);
  const { fields, lang } = await readCheckoutForm(req);
  return afterPost(`/pay/${session.token}`, lang, async () => {
    const { phone } = parseInput(payFormSchema, { phone: fields.get("phone") ?? "" });
    await payCheckout(db, { session, phone, env: getEnv(), logger: logger.child({ checkoutSessionId: session.id }), now: new Date() });
  });
}

/** POST /pay/{token}/resend: send the prompt again, as the customer. */
export async function postResend(req: Request, token: string): Promise<Response> {
  const db = getDb();
  const session = await loadCheckout(db, token);
  const { lang } = await readCheckoutForm(req);
  return afterPost(`/pay/${session.token}`, lang, () => resendCheckoutPrompt(db, { session, env: getEnv(), now: new Date() }));
}

/** POST /pay/link/{token}/open: one use of a payment link opens its own session. */
export async function postOpenLink(req: Request, token: string): Promise<Response> {
  const db = getDb();
  const link = await getPaymentLinkByTokenOrThrow(db, token);
  const { fields, lang } = await readCheckoutForm(req);
  return afterPost(`/pay/link/${link.token}`, lang, async () => {
    const entered = link.amount === null ? parseInput(z.object({ amount: linkAmountSchema }), { amount: fields.get("amount") ?? "" }).amount : null;
    const amount = amountForLink(link, entered);
    const session = await openPaymentLink(db, { link, amount, dataSecret: getEnv().secrets.data, now: new Date() });
    return `/pay/${session.token}`;
  });
}

/** GET /pay/{token}/status: the small JSON the page polls until `final`. */
export async function getStatus(token: string): Promise<Response> {
  const session = await loadCheckout(getDb(), token);
  const state = checkoutState({ expiresAt: session.expiresAt, payment: session.payment }, new Date());
  return Response.json({ stage: state.stage, final: state.final, can_resend: state.canResend }, { headers: { "Cache-Control": "no-store" } });
}
