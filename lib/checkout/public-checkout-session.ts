import { z } from "zod";
import type { CheckoutSession, Payment, PaymentAttempt } from "@/lib/generated/prisma/client";
import { checkoutState } from "@/lib/checkout/checkout-stage";

/** The checkout session object of the API (Stripe-shaped: status open/complete/expired, payment_status). */
export const publicCheckoutSessionSchema = z.object({
  id: z.string().describe("`cs_…`"),
  object: z.literal("checkout.session"),
  livemode: z.boolean(),
  url: z.string().describe("The customer's page: send the customer here."),
  status: z.enum(["open", "complete", "expired"]).describe("`complete` once paid; `expired` when it ran out unpaid."),
  payment_status: z.enum(["paid", "unpaid"]),
  stage: z.enum(["open", "expired", "waiting", "paid", "unpaid", "unconfirmed"]).describe("Where the customer is: `waiting` for the prompt, `unpaid` after a failed or cancelled prompt (it may be sent again), `unconfirmed` while M-Pesa has not confirmed either way."),
  amount: z.number().int(),
  currency: z.string(),
  reference: z.string(),
  description: z.string().nullable(),
  return_url: z.string().nullable(),
  cancel_url: z.string().nullable(),
  payment: z.string().nullable().describe("The payment (`pay_…`) once the customer started one; there is at most one."),
  payment_link: z.string().nullable(),
  return_secret: z.string().describe("Verifies the signed result on the return URL (see the README)."),
  expires_at: z.number().int().describe("Unix seconds."),
  created: z.number().int().describe("Unix seconds."),
});

export type PublicCheckoutSession = z.infer<typeof publicCheckoutSessionSchema>;

export type SessionWithPayment = CheckoutSession & { payment: (Payment & { attempts: PaymentAttempt[] }) | null };

export function serializeCheckoutSession(session: SessionWithPayment, ctx: { publicUrl: string; returnSecret: string; now: Date }): PublicCheckoutSession {
  const state = checkoutState({ expiresAt: session.expiresAt, payment: session.payment }, ctx.now);
  const status = state.stage === "paid" ? "complete" : state.stage === "expired" ? "expired" : "open";
  return {
    id: session.id,
    object: "checkout.session",
    livemode: session.mode === "LIVE",
    url: checkoutUrl(ctx.publicUrl, session.token),
    status,
    payment_status: state.stage === "paid" ? "paid" : "unpaid",
    stage: state.stage,
    amount: session.amount,
    currency: session.currency,
    reference: session.reference,
    description: session.description,
    return_url: session.returnUrl,
    cancel_url: session.cancelUrl,
    payment: session.paymentId,
    payment_link: session.paymentLinkId,
    return_secret: ctx.returnSecret,
    expires_at: Math.floor(session.expiresAt.getTime() / 1000),
    created: Math.floor(session.createdAt.getTime() / 1000),
  };
}

export function checkoutUrl(publicUrl: string, token: string): string {
  return `${publicUrl}/pay/${token}`;
}
