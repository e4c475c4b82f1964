import type { AttemptStatus } from "@/lib/generated/prisma/client";
import type { ObservationResult } from "@/lib/payments/observation";

/**
 * The states of one push of a payment (a payment attempt), as data. A payment's own status is
 * decided by the settle path from every observation; an attempt's status only records what the
 * rail said about that push, so a new attempt is never sent while an earlier one might still be
 * paid (that is how customers get charged twice).
 *
 * - INITIATING: inserted before the push is sent. PENDING: the rail acknowledged it.
 * - UNKNOWN: the push's answer never came, or the rail reported a result code nobody recognises.
 * - EXPIRED: the payment's deadline passed with no final answer for it: still unconfirmed.
 * - SUCCEEDED, FAILED, CANCELLED: the rail's final word. A success always wins (the money moved);
 *   a failure never overwrites a final word.
 */
export const ATTEMPT_STATUSES = ["INITIATING", "PENDING", "UNKNOWN", "SUCCEEDED", "FAILED", "CANCELLED", "EXPIRED"] as const satisfies readonly AttemptStatus[];

/** Ended, and certainly unpaid: the only states that let the prompt be sent again. */
export const UNPAID_ATTEMPT_STATUSES = ["FAILED", "CANCELLED"] as const satisfies readonly AttemptStatus[];

/** Sent, and waiting for the customer: what an acknowledgement and an unrecognised code move on from. */
export const LIVE_ATTEMPT_STATUSES = ["INITIATING", "PENDING"] as const satisfies readonly AttemptStatus[];

/** Waiting for the customer or the rail: the deadline turns these into EXPIRED. */
export const UNSETTLED_ATTEMPT_STATUSES = [...LIVE_ATTEMPT_STATUSES, "UNKNOWN"] as const satisfies readonly AttemptStatus[];

/** The rail acknowledged the push: an attempt still initiating is now pending (a callback may have come first). */
export const ACKNOWLEDGED = { from: "INITIATING", to: "PENDING" } as const satisfies { from: AttemptStatus; to: AttemptStatus };

/** What one observation of an attempt makes of it; null when its status stays as it is. */
export function attemptStatusAfter(current: AttemptStatus, result: ObservationResult): AttemptStatus | null {
  switch (result) {
    case "pending":
      return null;
    case "succeeded":
      return current === "SUCCEEDED" ? null : "SUCCEEDED";
    case "failed":
    case "cancelled":
      return isUnpaid(current) || current === "SUCCEEDED" ? null : result === "failed" ? "FAILED" : "CANCELLED";
    case "unknown":
      // An unrecognised code says the push may have been paid; an expired one was already unconfirmed.
      return isLive(current) ? "UNKNOWN" : null;
  }
}

export interface RetryBlocker {
  sequence: number;
  status: AttemptStatus;
  /** In words for the admin, after "the prompt cannot be sent again:". */
  reason: string;
}

/**
 * The first attempt that forbids a new one: any attempt that is not certainly unpaid. The state
 * table's `retry` event says which payment statuses may be retried; this says whether its attempts
 * let it be.
 */
export function attemptBlockingRetry(attempts: readonly { sequence: number; status: AttemptStatus }[]): RetryBlocker | null {
  const blocking = [...attempts].sort((a, b) => a.sequence - b.sequence).find((a) => !isUnpaid(a.status));
  if (!blocking) return null;
  return { sequence: blocking.sequence, status: blocking.status, reason: blockingReason(blocking.sequence, blocking.status) };
}

function blockingReason(sequence: number, status: AttemptStatus): string {
  switch (status) {
    case "INITIATING":
    case "PENDING":
      return `attempt ${sequence} is still waiting for the customer`;
    case "UNKNOWN":
      return `the outcome of attempt ${sequence} is unknown (the prompt may have been paid); re-check it first`;
    case "EXPIRED":
      return `attempt ${sequence} expired before M-Pesa confirmed it was not paid; re-check it first`;
    case "SUCCEEDED":
      return `attempt ${sequence} was paid`;
    default:
      return `attempt ${sequence} is ${status.toLowerCase()}`;
  }
}

function isLive(status: AttemptStatus): boolean {
  return (LIVE_ATTEMPT_STATUSES as readonly AttemptStatus[]).includes(status);
}

function isUnpaid(status: AttemptStatus): boolean {
  return (UNPAID_ATTEMPT_STATUSES as readonly AttemptStatus[]).includes(status);
}
