import type { RefundStatus } from "@/lib/generated/prisma/client";

/**
 * The refund state machine as data, like the payments' (lib/payments/state.ts): the statuses, which
 * still hold money back from another refund, and the events with the states each may come from and
 * lead to. `transitionRefund` is the only writer, and turns a row into `to` only with a conditional
 * update on `from`.
 */
export const REFUND_EVENTS = ["request", "approve", "reject", "cancel", "send", "requeue", "succeed", "fail"] as const;
export type RefundEventName = (typeof REFUND_EVENTS)[number];

export const REFUND_STATUSES = ["REQUESTED", "APPROVED", "PENDING", "SUCCEEDED", "FAILED", "REJECTED", "CANCELLED"] as const satisfies readonly RefundStatus[];

/**
 * Refunds that count against what a payment may still give back: every one that is, may be, or
 * has been paid out. A failed, rejected or cancelled refund frees its amount.
 */
export const COMMITTED_REFUND_STATUSES = ["REQUESTED", "APPROVED", "PENDING", "SUCCEEDED"] as const satisfies readonly RefundStatus[];

export const REFUND_TRANSITIONS: Readonly<Record<RefundEventName, { from: readonly RefundStatus[]; to: RefundStatus }>> = {
  // The row is inserted as REQUESTED: a creation, not an update.
  request: { from: [], to: "REQUESTED" },
  approve: { from: ["REQUESTED"], to: "APPROVED" },
  reject: { from: ["REQUESTED"], to: "REJECTED" },
  cancel: { from: ["REQUESTED", "APPROVED"], to: "CANCELLED" },
  send: { from: ["APPROVED"], to: "PENDING" },
  // Daraja said nothing reached it (a rate limit, a token refused): not sent, so approved again.
  requeue: { from: ["PENDING"], to: "APPROVED" },
  // From FAILED the money did move after all (a result later than the status check that found
  // nothing): the refund succeeds, as a late payment does.
  succeed: { from: ["PENDING", "FAILED"], to: "SUCCEEDED" },
  fail: { from: ["PENDING"], to: "FAILED" },
};

export function canTransitionRefund(event: RefundEventName, from: RefundStatus): boolean {
  return REFUND_TRANSITIONS[event].from.includes(from);
}

export function isCommittedRefund(status: RefundStatus): boolean {
  return (COMMITTED_REFUND_STATUSES as readonly RefundStatus[]).includes(status);
}

/** Storefront event types for the transitions they hear about. */
export const REFUND_WEBHOOK_TYPES: Partial<Record<RefundEventName, string>> = {
  request: "refund.created",
  succeed: "refund.succeeded",
  fail: "refund.failed",
  // A storefront's request an admin turned down, or one withdrawn before it was sent.
  reject: "refund.updated",
  cancel: "refund.updated",
};
