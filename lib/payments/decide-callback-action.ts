import type { PaymentStatus } from "@/lib/generated/prisma/client";
import { maskPhone } from "@/lib/logger";
import { compareReportedPhone } from "@/lib/phone/compare-reported-phone";

/** What of a payment a callback is judged against. */
export interface PaymentFacts {
  status: PaymentStatus;
  amount: number;
  /** The number the prompt was sent to (2547…). */
  phone: string;
  mpesaReceipt: string | null;
  resultCode: string | null;
}

/** What a (parsed, final) callback says; `unknown` is a result code Malipo does not recognise. */
export interface CallbackFacts {
  resultCode: string;
  outcome: "succeeded" | "failed" | "cancelled" | "unknown";
  amount?: number;
  receipt?: string;
  /** As M-Pesa reported it: normalised digits, or masked/hashed as sent. */
  phone?: string;
}

export type CallbackAction =
  | { kind: "succeed"; late: boolean }
  | { kind: "fail" }
  | { kind: "cancel" }
  | { kind: "review"; reason: string }
  /** A success for a payment settled without a receipt (by a status query): only the receipt is new. */
  | { kind: "fill_receipt" }
  | { kind: "duplicate" }
  | { kind: "stale"; reason: string };

/**
 * Decides what a callback does to a payment, from the payment's current (locked) state. Pure, so the
 * rules are tested exhaustively; the caller applies the answer through transitionPayment.
 * - A success must match the amount, come from the phone the prompt went to (as far as M-Pesa's
 *   masking lets us tell) and carry a receipt no other payment holds, or it goes to REVIEW.
 * - A success after FAILED/CANCELLED goes to REVIEW; after EXPIRED it succeeds, flagged late.
 * - A failure after a final state is recorded as stale; the same result again is a duplicate.
 * - A result code nobody knows is neither: a person decides (REVIEW), unless the payment succeeded.
 */
export function decideCallbackAction(payment: PaymentFacts, callback: CallbackFacts, receiptOwnerId: string | null): CallbackAction {
  if (callback.outcome === "unknown") return decideUnknown(payment, callback);
  return callback.outcome === "succeeded" ? decideSuccess(payment, callback, receiptOwnerId) : decideFailure(payment, callback);
}

function decideSuccess(payment: PaymentFacts, callback: CallbackFacts, receiptOwnerId: string | null): CallbackAction {
  const problem = successProblem(payment, callback, receiptOwnerId);
  switch (payment.status) {
    case "INITIATING":
    case "PENDING":
      return problem ? { kind: "review", reason: problem } : { kind: "succeed", late: false };
    case "EXPIRED":
      return problem ? { kind: "review", reason: problem } : { kind: "succeed", late: true };
    case "FAILED":
    case "CANCELLED": {
      const why = `M-Pesa reported a success after the payment had ${payment.status === "FAILED" ? "failed" : "been cancelled"}`;
      return { kind: "review", reason: problem ? `${why}; ${problem}` : why };
    }
    case "SUCCEEDED":
      if (callback.receipt === undefined || callback.receipt === payment.mpesaReceipt) return { kind: "duplicate" };
      if (payment.mpesaReceipt === null) return problem ? { kind: "review", reason: problem } : { kind: "fill_receipt" };
      return { kind: "review", reason: `M-Pesa reported a second success with receipt ${callback.receipt}; the payment has ${payment.mpesaReceipt}` };
    case "REVIEW":
      return payment.resultCode === callback.resultCode
        ? { kind: "duplicate" }
        : { kind: "stale", reason: "a success arrived while the payment is under review; a person decides" };
  }
}

function decideFailure(payment: PaymentFacts, callback: CallbackFacts): CallbackAction {
  switch (payment.status) {
    case "INITIATING":
    case "PENDING":
      return { kind: callback.outcome === "cancelled" ? "cancel" : "fail" };
    case "SUCCEEDED":
      return { kind: "stale", reason: `result ${callback.resultCode} arrived after the payment succeeded; nothing changed` };
    case "EXPIRED":
      return { kind: "stale", reason: `result ${callback.resultCode} arrived after the payment expired; it stays expired` };
    case "FAILED":
    case "CANCELLED":
    case "REVIEW":
      return payment.resultCode === callback.resultCode
        ? { kind: "duplicate" }
        : { kind: "stale", reason: `result ${callback.resultCode} arrived after the payment was ${payment.status.toLowerCase()} with result ${payment.resultCode ?? "none"}` };
  }
}

function decideUnknown(payment: PaymentFacts, callback: CallbackFacts): CallbackAction {
  switch (payment.status) {
    case "SUCCEEDED":
      return { kind: "stale", reason: `unrecognised result ${callback.resultCode} arrived after the payment succeeded; nothing changed` };
    case "REVIEW":
      return payment.resultCode === callback.resultCode
        ? { kind: "duplicate" }
        : { kind: "stale", reason: `unrecognised result ${callback.resultCode} arrived while the payment is under review; a person decides` };
    default:
      return { kind: "review", reason: `M-Pesa reported result code ${callback.resultCode}, which Malipo does not recognise: check the M-Pesa statement` };
  }
}

function successProblem(payment: PaymentFacts, callback: CallbackFacts, receiptOwnerId: string | null): string | null {
  if (callback.amount !== payment.amount) {
    return `M-Pesa reported KES ${callback.amount ?? "(no amount)"} for a payment of KES ${payment.amount}`;
  }
  if (receiptOwnerId) return `receipt ${callback.receipt} already belongs to payment ${receiptOwnerId}`;
  if (callback.phone !== undefined && compareReportedPhone(payment.phone, callback.phone).kind === "different") {
    return phoneMismatchReason(payment.phone, callback.phone);
  }
  return null;
}

/** Masked both ways: the review reason is shown to finance staff and written to logs. */
export function phoneMismatchReason(expected: string, reported: string): string {
  return `M-Pesa reported the payment from ${maskPhone(reported)}, not from ${maskPhone(expected)} the prompt was sent to`;
}
