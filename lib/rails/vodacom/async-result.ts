import { isRecord, text } from "./errors";
import { readFlag } from "./query";
import { classifyResponseCode, type CodeClassification, type VodacomOperation } from "./response-codes";

/**
 * The asynchronous form: Vodacom POSTs the result to the app's response URL, and expects an
 * acknowledgement in its own shape (FACTS.md). Parsing never throws; the listener stores the raw
 * body first and marks it rejected when this says so.
 */

export interface VodacomPostedResult {
  /** Vodacom's ConversationID of the original request (`input_OriginalConversationID`). */
  originalConversationId: string;
  /** Ours: finds the payment or refund. */
  thirdPartyConversationId: string;
  /** M-Pesa's id of the payment or reversal; null when there is none (failures). */
  transactionId: string | null;
  resultCode: string;
  resultDesc: string;
  classification: CodeClassification;
  /** What it means for the payment or refund: only the first three settle anything. */
  outcome: "succeeded" | "failed" | "cancelled" | "unknown";
  /** Query results only. */
  originalTransactionId: string | null;
  reversed: boolean | null;
}

export type ParsedPostedResult = { ok: true; result: VodacomPostedResult } | { ok: false; reason: string };

const MAX_ID_LENGTH = 64;

/** Reads a posted result (its raw text or parsed JSON) for the operation that caused it. */
export function parseVodacomResult(raw: unknown, operation: Exclude<VodacomOperation, "session"> = "c2b_payment"): ParsedPostedResult {
  let body = raw;
  if (typeof raw === "string") {
    try {
      body = JSON.parse(raw);
    } catch {
      return { ok: false, reason: "The body is not JSON" };
    }
  }
  if (!isRecord(body)) return { ok: false, reason: "The body is not a JSON object" };
  const resultCode = typeof body.input_ResultCode === "string" || typeof body.input_ResultCode === "number" ? String(body.input_ResultCode).trim() : "";
  if (!resultCode) return { ok: false, reason: "input_ResultCode is missing" };
  const thirdPartyConversationId = id(body.input_ThirdPartyConversationID);
  if (!thirdPartyConversationId) return { ok: false, reason: "input_ThirdPartyConversationID is missing or malformed" };
  const originalConversationId = id(body.input_OriginalConversationID);
  if (!originalConversationId) return { ok: false, reason: "input_OriginalConversationID is missing or malformed" };

  const classification = classifyResponseCode(operation, resultCode);
  const transactionId = text(body.input_TransactionID);
  return {
    ok: true,
    result: {
      originalConversationId,
      thirdPartyConversationId,
      transactionId,
      resultCode: classification.code,
      resultDesc: typeof body.input_ResultDesc === "string" ? body.input_ResultDesc.trim() : "",
      classification,
      // A posted query result carries no transaction status: it tells only ids and the reversal flag.
      outcome: operation === "query_transaction_status" ? "unknown" : outcomeOf(classification),
      originalTransactionId: text(body.input_OriginalTransactionID),
      reversed: readFlag(body.input_Reversed),
    },
  };
}

export interface VodacomAcknowledgement {
  output_OriginalConversationID: string;
  output_ResponseCode: "0";
  output_ResponseDesc: "Successfully Accepted Result";
  output_ThirdPartyConversationID: string;
}

/** The listener's answer (HTTP 200, JSON) to a posted result it has stored. */
export function buildResultAcknowledgement(ids: { originalConversationId: string; thirdPartyConversationId: string }): VodacomAcknowledgement {
  return {
    output_OriginalConversationID: ids.originalConversationId,
    output_ResponseCode: "0",
    output_ResponseDesc: "Successfully Accepted Result",
    output_ThirdPartyConversationID: ids.thirdPartyConversationId,
  };
}

function outcomeOf(classification: CodeClassification): VodacomPostedResult["outcome"] {
  switch (classification.outcome) {
    case "succeeded":
    case "failed":
    case "cancelled":
      return classification.outcome;
    // A posted refusal is final: the request was turned down and nothing was taken.
    case "permanent":
    case "configuration":
      return "failed";
    default:
      return "unknown";
  }
}

function id(value: unknown): string | null {
  const found = text(value);
  return found && found.length <= MAX_ID_LENGTH && /^[\w+ -]+$/.test(found) ? found : null;
}
