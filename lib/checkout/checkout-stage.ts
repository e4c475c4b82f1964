import type { AttemptStatus, PaymentStatus } from "@/lib/generated/prisma/client";
import { retryRefusal } from "@/lib/payments/retry-payment";
import type { ReturnStatus } from "@/lib/checkout/sign-return";

/**
 * Where a checkout stands for its customer, from the session and its payment (pure: the page, the
 * status endpoint and the API all ask this).
 * - open: nothing charged yet; the customer may enter a number and pay.
 * - expired: the session ran out before a payment was started.
 * - waiting: a prompt is on the customer's phone (or its push's answer is not in yet).
 * - paid: the payment succeeded.
 * - unpaid: the prompt failed, was cancelled or timed out; it may be sent again (canResend).
 * - unconfirmed: M-Pesa has not confirmed either way (expired, or under review): nothing more to do here.
 */
export type CheckoutStage = "open" | "expired" | "waiting" | "paid" | "unpaid" | "unconfirmed";

export interface CheckoutFacts {
  expiresAt: Date;
  payment: { status: PaymentStatus; failureCode: string | null; attempts: readonly { sequence: number; status: AttemptStatus }[] } | null;
}

export interface CheckoutState {
  stage: CheckoutStage;
  /** The page keeps asking for news while this is false. */
  final: boolean;
  /** "Send the prompt again" is offered (the same rule as the admin's, plus an open session). */
  canResend: boolean;
  /** The result the customer goes back to the storefront with; null while there is none yet. */
  returnStatus: ReturnStatus | null;
  /** Why the last prompt ended unpaid, for the customer's words: cancelled, timeout or failed. */
  unpaidReason: "cancelled" | "timeout" | "failed" | null;
}

// The failure codes (lib/rails/daraja/failure-codes.ts) of a prompt nobody answered in time.
const TIMEOUT_CODES = new Set(["no_response", "prompt_expired"]);

export function checkoutState(facts: CheckoutFacts, now: Date): CheckoutState {
  const sessionOpen = now < facts.expiresAt;
  const payment = facts.payment;
  if (!payment) {
    return sessionOpen
      ? { stage: "open", final: false, canResend: false, returnStatus: null, unpaidReason: null }
      : { stage: "expired", final: true, canResend: false, returnStatus: "expired", unpaidReason: null };
  }
  switch (payment.status) {
    case "SUCCEEDED":
      return { stage: "paid", final: true, canResend: false, returnStatus: "succeeded", unpaidReason: null };
    case "INITIATING":
    case "PENDING":
      return { stage: "waiting", final: false, canResend: false, returnStatus: null, unpaidReason: null };
    case "FAILED":
    case "CANCELLED": {
      const unpaidReason = payment.status === "CANCELLED" ? "cancelled" : TIMEOUT_CODES.has(payment.failureCode ?? "") ? "timeout" : "failed";
      const canResend = sessionOpen && retryRefusal(payment, payment.attempts) === null;
      return { stage: "unpaid", final: true, canResend, returnStatus: payment.status === "CANCELLED" ? "cancelled" : "failed", unpaidReason };
    }
    case "EXPIRED":
    case "REVIEW":
      return { stage: "unconfirmed", final: true, canResend: false, returnStatus: "unconfirmed", unpaidReason: null };
  }
}
