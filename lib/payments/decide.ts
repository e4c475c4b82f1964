import type { PaymentStatus } from "@/lib/generated/prisma/client";
import { maskPhone } from "@/lib/logger";
import { reportsTransaction, type Observation } from "@/lib/payments/observation";
import { canTransition } from "@/lib/payments/state";
import { compareReportedPhone } from "@/lib/phone/compare-reported-phone";

/** What of a payment an observation is judged against (read under its row lock). */
export interface PaymentFacts {
  status: PaymentStatus;
  amount: number;
  currency?: string;
  /** The number the prompt was sent to (2547…). */
  phone: string;
  mpesaReceipt: string | null;
  /** What M-Pesa reported when the payment took its receipt (an admin may have accepted another amount). */
  mpesaAmount?: number | null;
  resultCode: string | null;
}

/** The attempt an observation answers, among the payment's attempts (read under the payment's lock). */
export interface AttemptFacts {
  sequence: number;
  /** The payment's latest attempt: the one its status is waiting on. */
  latest: boolean;
  /** Another attempt of this payment that M-Pesa already reported paid, by sequence; else null. */
  otherSucceeded: number | null;
}

/** Malipo's own deadline: no final answer came in time (the sweep, the last query, an admin). */
export interface Deadline {
  kind: "deadline";
}

export type Decision =
  | { kind: "succeed"; late: boolean }
  | { kind: "fail" }
  | { kind: "cancel" }
  | { kind: "review"; reason: string }
  /** A success for a payment settled without a receipt (by a status query): only the receipt is new. */
  | { kind: "fill_receipt" }
  | { kind: "duplicate" }
  | { kind: "stale"; reason: string }
  /** An admin's resolution of a payment in REVIEW. */
  | { kind: "resolve"; to: "SUCCEEDED" | "FAILED" }
  | { kind: "refuse"; reason: string }
  | { kind: "expire" }
  /** Not final ("still processing"): nothing to decide yet. */
  | { kind: "wait" };

export const WINDOW_MATCH_REASON =
  "matched to this payment by phone number, amount and time only: the callback's ids and URL named no known payment; check M-Pesa's statement before resolving";

/**
 * The one decision of the settle path: what an observation (or the deadline) does to a payment,
 * from its current state. Pure, so the rules are tested exhaustively; settle-payment.ts carries
 * the answer out through transitionPayment.
 * - A success must match the amount (when the observation reports one), the currency, come from
 *   the phone the prompt went to (as far as masking lets us tell) and carry a receipt no other
 *   payment holds, or it goes to REVIEW. After FAILED/CANCELLED a success goes to REVIEW; after
 *   EXPIRED it succeeds, flagged late; a second success with another receipt goes to REVIEW.
 * - A failure after a final state is stale; the same result again is a duplicate.
 * - A result code nobody knows is neither: a person decides (REVIEW), unless the payment succeeded.
 * - A match by phone, amount and time alone never settles a payment by itself: REVIEW.
 * - A success the matcher says disagrees (observation.disagreement), or one for a receipt the
 *   payment holds but with another amount, is REVIEW even after the payment succeeded.
 * - Attempts (when the observation names one): a success of any attempt counts, a late one of an
 *   earlier attempt too; a success of one attempt after another was paid is REVIEW (the customer
 *   may have paid twice). A failure or an unknown code of an earlier attempt changes nothing:
 *   the payment waits on its latest attempt.
 */
export function decide(payment: PaymentFacts, input: Observation | Deadline, receiptOwnerId: string | null = null, attempt: AttemptFacts | null = null): Decision {
  if ("kind" in input) return decideDeadline(payment.status);
  if (input.source === "admin") return decideResolution(payment, input);
  if (input.disagreement && input.result === "succeeded") {
    return payment.status === "REVIEW" ? { kind: "stale", reason: `the payment is under review; a person decides (${input.disagreement})` } : { kind: "review", reason: input.disagreement };
  }
  const byAttempt = attempt && decideAcrossAttempts(payment, input, attempt);
  if (byAttempt) return byAttempt;
  const decided = decideObservation(payment, input, receiptOwnerId);
  if (!input.matchedByWindow) return decided;
  if (decided.kind === "review") return { kind: "review", reason: `${WINDOW_MATCH_REASON}; ${decided.reason}` };
  return decided.kind === "succeed" ? { kind: "review", reason: WINDOW_MATCH_REASON } : decided;
}

/** Malipo's deadline needs only the status: the expiry sweep decides a whole batch of locked rows with it. */
export function decideDeadline(status: PaymentStatus): Extract<Decision, { kind: "expire" | "stale" }> {
  return canTransition("expire", status) ? { kind: "expire" } : { kind: "stale", reason: `the payment is ${status.toLowerCase()}; it cannot expire` };
}

function decideAcrossAttempts(payment: PaymentFacts, observation: Observation, attempt: AttemptFacts): Decision | null {
  if (observation.result === "succeeded") {
    if (attempt.otherSucceeded === null || payment.status === "REVIEW") return null;
    return { kind: "review", reason: `M-Pesa reported attempt ${attempt.sequence} paid after attempt ${attempt.otherSucceeded} was paid: the customer may have paid twice; check the statement and refund one` };
  }
  if (attempt.latest || observation.result === "pending") return null;
  return { kind: "stale", reason: `result ${observation.resultCode} answers attempt ${attempt.sequence}, not the payment's latest attempt; nothing changed` };
}

function decideObservation(payment: PaymentFacts, observation: Observation, receiptOwnerId: string | null): Decision {
  switch (observation.result) {
    case "pending":
      return { kind: "wait" };
    case "unknown":
      return decideUnknown(payment, observation);
    case "succeeded":
      return decideSuccess(payment, observation, receiptOwnerId);
    case "failed":
    case "cancelled":
      return decideFailure(payment, observation);
  }
}

function decideSuccess(payment: PaymentFacts, observation: Observation, receiptOwnerId: string | null): Decision {
  const problem = successProblem(payment, observation, receiptOwnerId);
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
      // Compared with what M-Pesa said before, not the amount asked: a payment an admin resolved as paid
      // after a short payment holds M-Pesa's amount, and the same callback again is a duplicate.
      if (observation.receipt !== undefined && observation.receipt === payment.mpesaReceipt && reportsTransaction(observation) && !observation.amountNotReported
        && observation.amount !== (payment.mpesaAmount ?? payment.amount)) {
        const currency = payment.currency ?? "KES";
        return { kind: "review", reason: `M-Pesa reported ${currency} ${observation.amount ?? "(no amount)"} for receipt ${observation.receipt}, which this payment of ${currency} ${payment.mpesaAmount ?? payment.amount} holds` };
      }
      if (observation.receipt === undefined || observation.receipt === payment.mpesaReceipt) return { kind: "duplicate" };
      if (payment.mpesaReceipt === null) return problem ? { kind: "review", reason: problem } : { kind: "fill_receipt" };
      return { kind: "review", reason: `M-Pesa reported a second success with receipt ${observation.receipt}; the payment has ${payment.mpesaReceipt}` };
    case "REVIEW":
      return payment.resultCode === observation.resultCode
        ? { kind: "duplicate" }
        : { kind: "stale", reason: "a success arrived while the payment is under review; a person decides" };
  }
}

function decideFailure(payment: PaymentFacts, observation: Observation): Decision {
  switch (payment.status) {
    case "INITIATING":
    case "PENDING":
      return { kind: observation.result === "cancelled" ? "cancel" : "fail" };
    case "SUCCEEDED":
      return { kind: "stale", reason: `result ${observation.resultCode} arrived after the payment succeeded; nothing changed` };
    case "EXPIRED":
      return { kind: "stale", reason: `result ${observation.resultCode} arrived after the payment expired; it stays expired` };
    case "FAILED":
    case "CANCELLED":
    case "REVIEW":
      return payment.resultCode === observation.resultCode
        ? { kind: "duplicate" }
        : { kind: "stale", reason: `result ${observation.resultCode} arrived after the payment was ${payment.status.toLowerCase()} with result ${payment.resultCode ?? "none"}` };
  }
}

function decideUnknown(payment: PaymentFacts, observation: Observation): Decision {
  switch (payment.status) {
    case "SUCCEEDED":
      return { kind: "stale", reason: `unrecognised result ${observation.resultCode} arrived after the payment succeeded; nothing changed` };
    case "REVIEW":
      return payment.resultCode === observation.resultCode
        ? { kind: "duplicate" }
        : { kind: "stale", reason: `unrecognised result ${observation.resultCode} arrived while the payment is under review; a person decides` };
    default:
      return { kind: "review", reason: `M-Pesa reported result code ${observation.resultCode}, which Malipo does not recognise: check the M-Pesa statement` };
  }
}

/** An admin who checked the statement settles a payment in REVIEW, and only such a payment. */
function decideResolution(payment: PaymentFacts, observation: Observation): Decision {
  if (observation.result !== "succeeded" && observation.result !== "failed") return { kind: "refuse", reason: "The outcome must be SUCCEEDED or FAILED" };
  if (!canTransition("resolve", payment.status)) return { kind: "refuse", reason: `the payment is ${payment.status}; only payments in REVIEW can be resolved` };
  return { kind: "resolve", to: observation.result === "succeeded" ? "SUCCEEDED" : "FAILED" };
}

function successProblem(payment: PaymentFacts, observation: Observation, receiptOwnerId: string | null): string | null {
  const currency = payment.currency ?? "KES";
  if (reportsTransaction(observation) && !observation.amountNotReported && observation.amount !== payment.amount) {
    return `M-Pesa reported ${currency} ${observation.amount ?? "(no amount)"} for a payment of ${currency} ${payment.amount}`;
  }
  if (observation.currency !== undefined && observation.currency !== currency) {
    return `M-Pesa reported the payment in ${observation.currency}, not in ${currency}`;
  }
  if (receiptOwnerId) return `receipt ${observation.receipt} already belongs to payment ${receiptOwnerId}`;
  if (observation.phone !== undefined && compareReportedPhone(payment.phone, observation.phone).kind === "different") {
    return phoneMismatchReason(payment.phone, observation.phone);
  }
  return null;
}

/** Masked both ways: the review reason is shown to finance staff and written to logs. */
export function phoneMismatchReason(expected: string, reported: string): string {
  return `M-Pesa reported the payment from ${maskPhone(reported)}, not from ${maskPhone(expected)} the prompt was sent to`;
}
