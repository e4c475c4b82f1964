import type { PaymentStatus } from "@/lib/generated/prisma/client";

/**
 * The payment state machine as data, and the single source of every status list: the statuses,
 * which of them are open and final, and the events with the states each may come from and lead to.
 * SQL asks it through statusInSql (status-sql.ts) and the dashboard through availableActions (available-actions.ts); nothing else
 * spells a list of statuses. `transitionPayment` is the only writer and turns a row into `to` only
 * with a conditional update on `from`.
 */
export const PAYMENT_EVENTS = ["initiate", "accept", "reject", "succeed", "fail", "cancel", "review", "expire", "resolve", "retry"] as const;
export type PaymentEventName = (typeof PAYMENT_EVENTS)[number];

export interface TransitionRule {
  from: readonly PaymentStatus[];
  /** Usually one target; `resolve` lets the admin pick. */
  to: readonly PaymentStatus[];
}

export const ALL_STATUSES = ["INITIATING", "PENDING", "SUCCEEDED", "FAILED", "CANCELLED", "EXPIRED", "REVIEW"] as const satisfies readonly PaymentStatus[];

/** Still waiting for M-Pesa's answer: a callback, a query or the deadline settles it. */
export const OPEN_STATUSES = ["INITIATING", "PENDING"] as const satisfies readonly PaymentStatus[];

/** Open, or expired and still asked about after its deadline (post-expiry reconciliation). */
export const QUERYABLE_STATUSES = [...OPEN_STATUSES, "EXPIRED"] as const satisfies readonly PaymentStatus[];

export const TRANSITIONS: Readonly<Record<PaymentEventName, TransitionRule>> = {
  // The row is inserted as INITIATING before Daraja is called: a creation, not an update.
  initiate: { from: [], to: ["INITIATING"] },
  accept: { from: ["INITIATING"], to: ["PENDING"] },
  reject: { from: ["INITIATING"], to: ["FAILED"] },
  // From EXPIRED the money did move after our deadline: the payment succeeds, flagged late.
  succeed: { from: [...OPEN_STATUSES, "EXPIRED"], to: ["SUCCEEDED"] },
  fail: { from: OPEN_STATUSES, to: ["FAILED"] },
  cancel: { from: OPEN_STATUSES, to: ["CANCELLED"] },
  review: { from: ALL_STATUSES.filter((s) => s !== "REVIEW"), to: ["REVIEW"] },
  expire: { from: OPEN_STATUSES, to: ["EXPIRED"] },
  resolve: { from: ["REVIEW"], to: ["SUCCEEDED", "FAILED"] },
  // "Send the prompt again": a new attempt of an unpaid payment. Only when every earlier attempt
  // ended unpaid for certain (attempt-state.ts), checked under the payment's row lock (retry-payment.ts).
  retry: { from: ["FAILED", "CANCELLED", "EXPIRED"], to: ["INITIATING"] },
};

/** States a storefront is told about: every final state, and REVIEW (which only a person leaves). */
export const FINAL_STATUSES: readonly PaymentStatus[] = ["SUCCEEDED", "FAILED", "CANCELLED", "EXPIRED"];

export function isFinalStatus(status: PaymentStatus): boolean {
  return FINAL_STATUSES.includes(status);
}

export function isOpenStatus(status: PaymentStatus): status is (typeof OPEN_STATUSES)[number] {
  return (OPEN_STATUSES as readonly PaymentStatus[]).includes(status);
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
