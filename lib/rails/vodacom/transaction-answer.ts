import type { VodacomAnswer } from "./call";
import { errorForCode, errorWithoutCode, text, VodacomError } from "./errors";
import { classifyResponseCode } from "./response-codes";

/**
 * How the answer to a call that moves money (a C2B payment, a reversal) reads: by
 * output_ResponseCode only; an answer without one is judged by the HTTP status, and whatever may
 * have happened is `unknown`, never a failure.
 */
export type TransactionAnswer =
  /** Done (sync form). `transactionId` is M-Pesa's id; null only if Vodacom left it out. */
  | { kind: "succeeded"; transactionId: string | null; conversationId: string | null; description: string }
  /** Async form: taken; the result will be posted to the app's response URL. */
  | { kind: "accepted"; conversationId: string | null; description: string }
  /** Declined (insufficient balance, PIN not accepted, limits…). */
  | { kind: "failed"; code: string; reason: string; description: string; httpStatus: number }
  | { kind: "cancelled"; code: string; reason: string; description: string; httpStatus: number }
  /** It may have gone through: never a failure, never retried; ask the status query. */
  | { kind: "unknown"; reason: string; duplicate: boolean; error: VodacomError }
  /** Refused as it stands; `error.kind` is `configuration` (an operator must act) or `permanent`. */
  | { kind: "rejected"; error: VodacomError }
  /** Nothing reached M-Pesa's payment logic: the same call may be made again later. */
  | { kind: "retryable"; error: VodacomError };

export function readTransactionAnswer(operation: "c2b_payment" | "reversal", responseMode: "sync" | "async", answer: VodacomAnswer): TransactionAnswer {
  if (!answer.ok) return fromError(answer.error);
  const { status, body } = answer;
  if (body.shape !== "envelope") return fromError(errorWithoutCode(operation, status, body));
  const classification = classifyResponseCode(operation, body.code);
  const conversationId = text(body.fields.output_ConversationID);
  const description = body.description;
  switch (classification.outcome) {
    case "succeeded":
      return responseMode === "async"
        ? { kind: "accepted", conversationId, description }
        : { kind: "succeeded", transactionId: text(body.fields.output_TransactionID), conversationId, description };
    case "failed":
    case "cancelled":
      return { kind: classification.outcome, code: classification.code, reason: classification.meaning, description, httpStatus: status };
    default:
      return fromError(errorForCode(operation, status, body, classification));
  }
}

/** A refusal found before anything was sent. */
export function refusedBeforeSending(message: string, field: string | null): TransactionAnswer {
  return { kind: "rejected", error: new VodacomError({ kind: "permanent", message, field }) };
}

function fromError(error: VodacomError): TransactionAnswer {
  switch (error.kind) {
    case "unknown_outcome":
      return { kind: "unknown", reason: error.message, duplicate: error.errorCode === "INS-10", error };
    case "retryable":
      return { kind: "retryable", error };
    case "configuration":
    case "permanent":
      return { kind: "rejected", error };
  }
}
