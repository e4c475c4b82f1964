import type { ChargeOutcome } from "@/lib/payments/charge";
import type { Observation, ObservationEvidence, ObservationResult } from "@/lib/payments/observation";
import type { QueryAnswer } from "@/lib/payments/record-query-answer";
import type { RailCallback } from "@/lib/rails/rail";
import type { VodacomPostedResult } from "./async-result";
import type { C2bPaymentResult } from "./c2b";
import type { QueryTransactionStatusResult, TransactionStatus } from "./query";
import { RESPONSE_CODES } from "./response-codes";

/**
 * The Vodacom client's answers in the core's words (lib/payments/charge.ts, observation.ts,
 * record-query-answer.ts): what the rail (c2b-rail.ts) hands the payment core.
 */

/** Stable failure_code values storefronts branch on, the same words the Daraja rail uses; by code only. */
const FAILURE_CODES: Readonly<Record<string, string>> = {
  "INS-5": "cancelled_by_customer",
  "INS-9": "no_response",
  "INS-2001": "wrong_pin",
  "INS-2006": "insufficient_funds",
  "INS-990": "amount_limit",
  "INS-991": "amount_limit",
};

export function vodacomFailureCode(code: string): string {
  return Object.hasOwn(FAILURE_CODES, code) ? FAILURE_CODES[code]! : "mpesa_failed";
}

/**
 * The push's answer. The core has no outcome for "already paid" (a synchronous success) yet, so a
 * success is `accepted` like an acknowledged STK push: the payment waits, and the status query,
 * asked by our conversation id, settles it. Its ids: our ThirdPartyConversationID (the query's
 * reference, kept as the checkout id) and Vodacom's ConversationID. A decline is a refusal with
 * Vodacom's code; anything that may have happened stays unknown.
 */
export function chargeOutcomeOf(result: C2bPaymentResult): ChargeOutcome {
  switch (result.kind) {
    case "succeeded":
    case "accepted": {
      const reference = result.thirdPartyConversationId!;
      return { kind: "accepted", checkoutRequestId: reference, merchantRequestId: result.conversationId ?? reference };
    }
    case "failed":
    case "cancelled":
      return {
        kind: "rejected",
        error: { kind: "permanent", message: result.reason, httpStatus: result.httpStatus, errorCode: result.code, errorMessage: result.description || null, field: null },
      };
    case "unknown":
      return { kind: "unknown", reason: result.duplicate ? `${result.reason} (the first request with this conversation id counts)` : result.reason };
    case "rejected":
    case "retryable":
      return { kind: result.kind, error: result.error };
  }
}

// The status words as the code a payment's own answer carries for them, so the timeline and the
// failure_code read the same whichever way the outcome was learned.
const STATUS_CODES: Partial<Record<TransactionStatus, { result: ObservationResult; code: string }>> = {
  completed: { result: "succeeded", code: "INS-0" },
  cancelled: { result: "cancelled", code: "INS-5" },
  expired: { result: "failed", code: "INS-9" },
  failed: { result: "failed", code: "INS-6" },
};

/** The status query's answer; "not found" and "N/A" say nothing final, so they are pending. */
export function statusQueryAnswer(answer: QueryTransactionStatusResult): QueryAnswer {
  switch (answer.kind) {
    case "found": {
      const timeline = { answer: answer.outcome === "unknown" ? "pending" : "final", status: answer.rawStatus, transactionId: answer.transactionId ?? undefined, reversed: answer.reversed ?? undefined };
      const known = STATUS_CODES[answer.status];
      if (!known) return { kind: "pending", detail: answer.reason, timeline: { ...timeline, detail: answer.reason } };
      const observation: Observation = {
        ...classified(known.result, known.code, answer.rawStatus, answer.reason),
        source: "query", evidence: {}, details: { via: "query", status: answer.rawStatus, transactionId: answer.transactionId, reversed: answer.reversed },
      };
      return { kind: "final", observation, timeline };
    }
    case "not_found":
      return { kind: "pending", detail: answer.reason, timeline: { answer: "pending", detail: answer.reason, resultCode: "INS-23" } };
    case "error": {
      const error = answer.error;
      const timeline = { answer: "error", detail: error.message, errorKind: error.kind, errorCode: error.errorCode ?? undefined, httpStatus: error.httpStatus ?? undefined };
      return error.kind === "configuration"
        ? { kind: "refused", timeline, failure: error, explanation: `Vodacom refused Malipo's configuration (${error.message}), so M-Pesa could not say whether it was paid; fix the VODACOM_* settings` }
        : { kind: "unanswered", timeline, failure: error };
    }
  }
}

/**
 * A result Vodacom posted (the asynchronous form). It names the receipt but not the amount; a code
 * that settles nothing (INS-1, an unknown one) is refused so the status query decides.
 */
export function postedResultCallback(result: VodacomPostedResult, evidence: ObservationEvidence): RailCallback {
  if (result.outcome === "unknown") return { ok: false, reason: `result ${result.resultCode} is not a final result` };
  const observation: Observation = {
    ...classified(result.outcome, result.resultCode, result.resultDesc, result.classification.meaning),
    ...(result.outcome === "succeeded" && result.transactionId ? { receipt: result.transactionId } : {}),
    // Vodacom's posted results carry no amount (FACTS.md): the payment's own is the one charged.
    amountNotReported: true,
    source: "callback",
    evidence,
    details: { resultCode: result.resultCode, resultDesc: result.resultDesc, thirdPartyConversationId: result.thirdPartyConversationId,
      originalConversationId: result.originalConversationId, transactionId: result.transactionId },
  };
  return { ok: true, observation, match: { checkoutRequestId: result.thirdPartyConversationId, merchantRequestId: result.originalConversationId } };
}

/** A code in words for finance staff. */
export function describeVodacomCode(code: string): string {
  return Object.hasOwn(RESPONSE_CODES, code) ? RESPONSE_CODES[code]!.meaning : `Unrecognised code ${code}`;
}

function classified(result: ObservationResult, code: string, description: string, reason: string): Pick<Observation, "result" | "resultCode" | "resultDescription" | "reason" | "failureCode"> {
  const failed = result === "failed" || result === "cancelled";
  return { result, resultCode: code, resultDescription: description, reason, ...(failed ? { failureCode: vodacomFailureCode(code) } : {}) };
}
