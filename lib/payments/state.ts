import type { PaymentStatus } from "@/lib/generated/prisma/client";

/**
 * The payment state machine as data (DESIGN.md, "Payment states"). Events are verbs; each lists the
 * states it may come from and the states it may lead to. `transitionPayment` is the only writer and
 * turns a row into `to` only with a conditional update on `from`.
 */
export const PAYMENT_EVENTS = ["initiate", "accept", "reject", "succeed", "fail", "cancel", "review", "expire", "resolve"] as const;
export type PaymentEventName = (typeof PAYMENT_EVENTS)[number];

export interface TransitionRule {
  from: readonly PaymentStatus[];
  /** Usually one target; `resolve` lets the admin pick. */
  to: readonly PaymentStatus[];
}

export const ALL_STATUSES: readonly PaymentStatus[] = ["INITIATING", "PENDING", "SUCCEEDED", "FAILED", "CANCELLED", "EXPIRED", "REVIEW"];

export const TRANSITIONS: Readonly<Record<PaymentEventName, TransitionRule>> = {
  // The row is inserted as INITIATING before Daraja is called: a creation, not an update.
  initiate: { from: [], to: ["INITIATING"] },
  accept: { from: ["INITIATING"], to: ["PENDING"] },
  reject: { from: ["INITIATING"], to: ["FAILED"] },
  // From EXPIRED the money did move after our deadline: the payment succeeds, flagged late.
  succeed: { from: ["INITIATING", "PENDING", "EXPIRED"], to: ["SUCCEEDED"] },
  fail: { from: ["INITIATING", "PENDING"], to: ["FAILED"] },
  cancel: { from: ["INITIATING", "PENDING"], to: ["CANCELLED"] },
  review: { from: ALL_STATUSES.filter((s) => s !== "REVIEW"), to: ["REVIEW"] },
  expire: { from: ["INITIATING", "PENDING"], to: ["EXPIRED"] },
  resolve: { from: ["REVIEW"], to: ["SUCCEEDED", "FAILED"] },
};

/** States a storefront is told about: every final state, and REVIEW (which only a person leaves). */
export const FINAL_STATUSES: readonly PaymentStatus[] = ["SUCCEEDED", "FAILED", "CANCELLED", "EXPIRED"];

export function isFinalStatus(status: PaymentStatus): boolean {
  return FINAL_STATUSES.includes(status);
}

export function canTransition(event: PaymentEventName, from: PaymentStatus): boolean {
  return TRANSITIONS[event].from.includes(from);
}

/** The target of an event; `to` must be given, and allowed, when the event has several. */
export function targetOf(event: PaymentEventName, to?: PaymentStatus): PaymentStatus {
  const targets = TRANSITIONS[event].to;
  if (to !== undefined) {
    if (!targets.includes(to)) throw new Error(`Event ${event} cannot lead to ${to}`);
    return to;
  }
  if (targets.length !== 1) throw new Error(`Event ${event} needs an explicit target (${targets.join(" or ")})`);
  return targets[0]!;
}

/** Pure application of one event: the next status, or null when the table forbids it. */
export function applyEvent(from: PaymentStatus, event: PaymentEventName, to?: PaymentStatus): PaymentStatus | null {
  return canTransition(event, from) ? targetOf(event, to) : null;
}

/**
 * Webhook event type a storefront receives for a transition: the new state's, except that a person
 * resolving a review changes a payment the storefront was already told about (payment.review), so
 * that is a `payment.updated` carrying the final object.
 */
export function webhookTypeForTransition(event: PaymentEventName, to: PaymentStatus): string | null {
  return event === "resolve" ? "payment.updated" : webhookTypeFor(to);
}

/** Webhook event type a storefront receives when a payment enters `status`; null when none. */
export function webhookTypeFor(status: PaymentStatus): string | null {
  switch (status) {
    case "SUCCEEDED":
      return "payment.succeeded";
    case "FAILED":
      return "payment.failed";
    case "CANCELLED":
      return "payment.cancelled";
    case "EXPIRED":
      return "payment.expired";
    case "REVIEW":
      return "payment.review";
    default:
      return null;
  }
}
