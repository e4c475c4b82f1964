// By code only (output_ResponseCode / input_ResultCode): descriptions differ between APIs (FACTS.md).

export type VodacomOperation = "session" | "c2b_payment" | "query_transaction_status" | "reversal";

/**
 * What a code means for the call that got it:
 * - `succeeded`, `cancelled`, `failed`: the transaction's final outcome (failed = declined after
 *   reaching the customer or the wallet);
 * - `unknown`: it may have happened; only the status query can tell (never a failure);
 * - `duplicate`: the conversation id was used before; the first request's outcome counts (unknown);
 * - `not_found`: the query found nothing (yet);
 * - `session_rejected`: the session was refused before anything was processed;
 * - `retryable`: nothing was processed; the same call may be made again later;
 * - `configuration`: our account or setup is wrong (an operator must act);
 * - `permanent`: this request was refused as it stands (no prompt, no money moved).
 */
export type CodeOutcome =
  | "succeeded" | "cancelled" | "failed" | "unknown" | "duplicate" | "not_found"
  | "session_rejected" | "retryable" | "configuration" | "permanent";

export interface ResponseCodeInfo {
  meaning: string;
  /** The HTTP statuses Vodacom pairs with the code. */
  http: readonly number[];
  /** The outcome for a payment or reversal. */
  outcome: CodeOutcome;
  /** Where the outcome differs for another operation. */
  per?: Partial<Record<VodacomOperation, CodeOutcome>>;
}

const ASK_AGAIN: Partial<Record<VodacomOperation, CodeOutcome>> = { session: "retryable", query_transaction_status: "retryable" };

/** Every code Malipo recognises, with what it means; exported so screens can label codes. */
export const RESPONSE_CODES: Readonly<Record<string, ResponseCodeInfo>> = {
  "INS-0": { meaning: "Request processed successfully", http: [200, 201], outcome: "succeeded" },
  "INS-1": { meaning: "Internal error: also seen when the real cause was insufficient funds or a badly spaced reference; ask the status query", http: [400, 500], outcome: "unknown", per: ASK_AGAIN },
  "INS-2": { meaning: "Invalid API key, or a session Vodacom no longer accepts", http: [401], outcome: "session_rejected", per: { session: "configuration" } },
  "INS-4": { meaning: "The API user is not active", http: [401], outcome: "configuration" },
  "INS-5": { meaning: "The customer cancelled the transaction", http: [401], outcome: "cancelled" },
  "INS-6": { meaning: "Transaction failed", http: [401], outcome: "failed", per: { query_transaction_status: "retryable" } },
  "INS-9": { meaning: "Request timeout: Vodacom stopped waiting (for a payment, the customer did not answer in time)", http: [408], outcome: "unknown", per: ASK_AGAIN },
  "INS-10": { meaning: "Duplicate transaction: this ThirdPartyConversationID was already used", http: [409], outcome: "duplicate" },
  "INS-13": { meaning: "Invalid service provider code (shortcode)", http: [400], outcome: "configuration" },
  "INS-14": { meaning: "Invalid reference", http: [400], outcome: "permanent" },
  "INS-15": { meaning: "Invalid amount", http: [400], outcome: "permanent" },
  "INS-16": { meaning: "Vodacom is temporarily overloaded and did not handle the request", http: [503], outcome: "retryable" },
  "INS-17": { meaning: "Invalid transaction reference: it must be 1 to 20 characters", http: [400], outcome: "permanent" },
  "INS-18": { meaning: "Invalid TransactionID", http: [400], outcome: "permanent" },
  "INS-19": { meaning: "Invalid third-party reference", http: [400], outcome: "permanent" },
  "INS-20": { meaning: "Not all parameters were provided", http: [400], outcome: "permanent" },
  "INS-21": { meaning: "Parameter validation failed", http: [400], outcome: "permanent" },
  "INS-22": { meaning: "Invalid operation type", http: [400], outcome: "configuration" },
  "INS-23": { meaning: "Unknown status: transaction not found", http: [400], outcome: "unknown", per: { query_transaction_status: "not_found" } },
  "INS-24": { meaning: "Invalid initiator identifier", http: [400], outcome: "configuration" },
  "INS-25": { meaning: "Invalid security credential", http: [400], outcome: "configuration" },
  "INS-26": { meaning: "Not authorised, or a currency this account cannot use", http: [400], outcome: "configuration" },
  "INS-28": { meaning: "Invalid ThirdPartyConversationID", http: [400], outcome: "permanent" },
  "INS-30": { meaning: "Invalid purchased items description", http: [400], outcome: "permanent" },
  "INS-31": { meaning: "Invalid payment items description", http: [400], outcome: "permanent" },
  "INS-35": { meaning: "This transaction does not belong to this service provider", http: [400], outcome: "permanent" },
  "INS-989": { meaning: "Session creation failed (check the API key, public key and trusted origin)", http: [400], outcome: "configuration" },
  "INS-990": { meaning: "The customer's transaction value limit was reached", http: [400], outcome: "failed" },
  "INS-991": { meaning: "The customer's transaction count limit was reached", http: [400], outcome: "failed" },
  "INS-993": { meaning: "The organisation's transaction count limit was reached", http: [400], outcome: "permanent" },
  "INS-994": { meaning: "The organisation's transaction value limit was reached", http: [400], outcome: "permanent" },
  "INS-995": { meaning: "The API's transaction limit was reached", http: [400], outcome: "permanent" },
  "INS-996": { meaning: "The API was used outside its allowed usage time", http: [400], outcome: "retryable" },
  "INS-997": { meaning: "The API is not enabled for this app", http: [400], outcome: "configuration" },
  "INS-998": { meaning: "Invalid market", http: [400], outcome: "configuration" },
  "INS-2001": { meaning: "The customer's PIN was not accepted", http: [400, 401], outcome: "failed" },
  "INS-2002": { meaning: "The receiver is invalid", http: [400], outcome: "permanent" },
  "INS-2006": { meaning: "Insufficient balance", http: [422], outcome: "failed" },
  "INS-2051": { meaning: "The customer's number is not a valid M-Pesa number", http: [400], outcome: "permanent" },
  "INS-2057": { meaning: "Invalid language code", http: [400], outcome: "permanent" },
};

export interface CodeClassification {
  code: string;
  outcome: CodeOutcome;
  meaning: string;
  known: boolean;
}

/**
 * Classifies a code for one operation. An unrecognised code is never a failure: for a payment or a
 * reversal it is `unknown` (ask the query), for a session or a query `retryable`.
 */
export function classifyResponseCode(operation: VodacomOperation, code: unknown): CodeClassification {
  const normalised = normaliseResponseCode(code);
  // hasOwn: a code such as "constructor" must not find Object.prototype's members.
  const info = normalised !== null && Object.hasOwn(RESPONSE_CODES, normalised) ? RESPONSE_CODES[normalised] : undefined;
  if (info) return { code: normalised!, outcome: info.per?.[operation] ?? info.outcome, meaning: info.meaning, known: true };
  const fallback: CodeOutcome = operation === "c2b_payment" || operation === "reversal" ? "unknown" : "retryable";
  return { code: normalised ?? "", outcome: fallback, meaning: `Unrecognised M-Pesa response code ${normalised ?? "(none)"}`, known: false };
}

/** `"ins-0 "` and `"INS-0"` are one code; anything that is not text or a number has none. */
export function normaliseResponseCode(code: unknown): string | null {
  if (typeof code !== "string" && typeof code !== "number") return null;
  const text = String(code).trim().toUpperCase();
  return text === "" ? null : text;
}
