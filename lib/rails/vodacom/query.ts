import type { VodacomAnswer } from "./call";
import type { VodacomConfig } from "./config";
import { errorForCode, errorWithoutCode, text, VodacomError } from "./errors";
import { classifyResponseCode } from "./response-codes";

/** Query transaction status: the parameters and how the answer reads (FACTS.md, Query). */

export interface QueryTransactionStatusInput {
  /** M-Pesa's TransactionID, our ThirdPartyConversationID of the push, or Vodacom's ConversationID. */
  queryReference: string;
  /** The query's own conversation id; a fresh random one when left out. */
  conversationId?: string;
}

export type TransactionStatus = "completed" | "cancelled" | "expired" | "failed" | "not_available" | "other";

/** What a status says about the payment. Only the first three settle anything. */
export type StatusOutcome = "succeeded" | "cancelled" | "failed" | "unknown";

const STATUSES: Readonly<Record<string, { status: TransactionStatus; outcome: StatusOutcome; reason: string }>> = {
  completed: { status: "completed", outcome: "succeeded", reason: "Paid" },
  cancelled: { status: "cancelled", outcome: "cancelled", reason: "The customer cancelled the payment" },
  expired: { status: "expired", outcome: "failed", reason: "The customer did not answer the prompt in time" },
  // Not in Vodacom's list, but handled by several SDKs.
  failed: { status: "failed", outcome: "failed", reason: "The transaction failed" },
  "n/a": { status: "not_available", outcome: "unknown", reason: "M-Pesa has no final status for it (yet)" },
};

export type QueryTransactionStatusResult =
  | {
      kind: "found";
      status: TransactionStatus;
      /** Vodacom's own word, e.g. `Completed`. */
      rawStatus: string;
      outcome: StatusOutcome;
      reason: string;
      /** M-Pesa's id of the queried transaction (`output_OriginalTransactionID`). */
      transactionId: string | null;
      /** Whether it was reversed later; null when Vodacom did not say. */
      reversed: boolean | null;
      conversationId: string | null;
      thirdPartyConversationId: string;
    }
  /** INS-23: nothing found, which soon after a push may only mean "not indexed yet". */
  | { kind: "not_found"; reason: string; thirdPartyConversationId: string }
  /** The question went unanswered; it says nothing about the payment. */
  | { kind: "error"; error: VodacomError };

export function buildQueryParameters(config: VodacomConfig, queryReference: string, conversationId: string): Record<string, string> {
  return {
    input_QueryReference: queryReference,
    input_ServiceProviderCode: config.serviceProviderCode,
    input_ThirdPartyConversationID: conversationId,
    input_Country: config.market.country,
  };
}

export function readQueryAnswer(answer: VodacomAnswer, conversationId: string): QueryTransactionStatusResult {
  if (!answer.ok) return { kind: "error", error: answer.error };
  const { status, body } = answer;
  if (body.shape !== "envelope") return { kind: "error", error: errorWithoutCode("query_transaction_status", status, body) };
  const classification = classifyResponseCode("query_transaction_status", body.code);
  if (classification.outcome === "not_found") return { kind: "not_found", reason: body.description || classification.meaning, thirdPartyConversationId: conversationId };
  if (classification.outcome !== "succeeded") return { kind: "error", error: errorForCode("query_transaction_status", status, body, classification) };
  const raw = typeof body.fields.output_ResponseTransactionStatus === "string" ? body.fields.output_ResponseTransactionStatus.trim() : "";
  const known = Object.hasOwn(STATUSES, raw.toLowerCase()) ? STATUSES[raw.toLowerCase()] : undefined;
  return {
    kind: "found",
    status: known?.status ?? "other",
    rawStatus: raw,
    outcome: known?.outcome ?? "unknown",
    reason: known?.reason ?? `M-Pesa reported the status "${raw || "(none)"}"`,
    transactionId: text(body.fields.output_OriginalTransactionID) ?? text(body.fields.output_TransactionID),
    reversed: readFlag(body.fields.output_Reversed),
    conversationId: text(body.fields.output_ConversationID),
    thirdPartyConversationId: conversationId,
  };
}

/** `True`/`False` as text (Vodacom's way), or a JSON boolean. */
export function readFlag(value: unknown): boolean | null {
  if (typeof value === "boolean") return value;
  if (typeof value !== "string") return null;
  const word = value.trim().toLowerCase();
  return word === "true" ? true : word === "false" ? false : null;
}
