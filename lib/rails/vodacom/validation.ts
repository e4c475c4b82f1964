import type { VodacomMarket } from "./markets";

/**
 * Checks made before anything is sent, with the limits Vodacom documents (FACTS.md). Each returns
 * a readable message, never throws, and never silently "fixes" a value: a trimmed reference would
 * no longer be the one the storefront reconciles against.
 */

export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

export const TRANSACTION_REFERENCE_MAX_LENGTH = 20;
export const CONVERSATION_ID_MAX_LENGTH = 40;
export const PURCHASED_ITEMS_DESC_MAX_LENGTH = 256;
/** The query accepts at most 32 letters and digits as a reference; our conversation ids stay inside that. */
export const QUERY_REFERENCE = /^(?:[A-Za-z0-9]{10,20}|[A-Za-z0-9]{1,9}|[A-Za-z0-9]{21,32})$/;
export const TRANSACTION_ID = /^[0-9A-Za-z]{1,20}$/;
export const SERVICE_PROVIDER_CODE = /^[0-9A-Za-z]{4,12}$/;

// Letters, digits and `- _ . / #`, with single inner spaces: the reference lands on the customer's SMS.
const REFERENCE_TEXT = /^[A-Za-z0-9\-_./#]+( [A-Za-z0-9\-_./#]+)*$/;
// The reversal's documented class `[0-9a-zA-Z \w+]`, without surrounding spaces.
const CONVERSATION_TEXT = /^[0-9A-Za-z_+]+( [0-9A-Za-z_+]+)*$/;

/** A positive whole number of the market's minor unit, at most `maxAmount` when the app has a limit. */
export function checkAmount(amount: unknown, market: VodacomMarket, maxAmount: number | null): Checked<number> {
  const unit = market.amountDecimals === 0 ? `whole number of ${market.currency}` : `whole number of ${market.currency} minor units`;
  if (typeof amount !== "number" || !Number.isFinite(amount)) return { ok: false, message: `Amount must be a ${unit}` };
  if (!Number.isInteger(amount)) {
    return { ok: false, message: market.amountDecimals === 0 ? `Amount must be a whole number of ${market.currency} (M-Pesa has no cents there)` : `Amount must be a ${unit}` };
  }
  if (amount < 1) return { ok: false, message: `Amount must be at least 1 ${market.currency}` };
  if (!Number.isSafeInteger(amount)) return { ok: false, message: "Amount is too large" };
  if (maxAmount !== null && amount > maxAmount) {
    return { ok: false, message: `Amount must be at most ${maxAmount.toLocaleString("en-GB")} (the limit configured for this M-Pesa account)` };
  }
  return { ok: true, value: amount };
}

/** `input_TransactionReference`: 1–20 characters, no surrounding spaces (they come back as INS-1). */
export function checkTransactionReference(reference: unknown): Checked<string> {
  return checkText(reference, "Transaction reference", TRANSACTION_REFERENCE_MAX_LENGTH, REFERENCE_TEXT, "letters, digits, single spaces and - _ . / #");
}

/** `input_ThirdPartyConversationID`: 1–40 characters of the documented class, no surrounding spaces. */
export function checkConversationId(id: unknown): Checked<string> {
  return checkText(id, "ThirdPartyConversationID", CONVERSATION_ID_MAX_LENGTH, CONVERSATION_TEXT, "letters, digits, _, + and single spaces");
}

/** `input_PurchasedItemsDesc`: 1–256 characters shown to the customer; no control characters. */
export function checkPurchasedItemsDesc(desc: unknown): Checked<string> {
  if (typeof desc !== "string") return { ok: false, message: "Description must be text" };
  if (desc.trim() === "") return { ok: false, message: "Description must not be empty" };
  if (desc !== desc.trim()) return { ok: false, message: "Description must not start or end with spaces" };
  if (/[\u0000-\u001f\u007f]/.test(desc)) return { ok: false, message: "Description must not contain line breaks or control characters" };
  if ([...desc].length > PURCHASED_ITEMS_DESC_MAX_LENGTH) {
    return { ok: false, message: `Description must be at most ${PURCHASED_ITEMS_DESC_MAX_LENGTH} characters` };
  }
  return { ok: true, value: desc };
}

/** A reference the status query accepts: M-Pesa's TransactionID, a ConversationID or our conversation id. */
export function checkQueryReference(reference: unknown): Checked<string> {
  if (typeof reference !== "string" || reference === "") return { ok: false, message: "Query reference is required" };
  if (!QUERY_REFERENCE.test(reference)) return { ok: false, message: "Query reference must be 1 to 32 letters and digits" };
  return { ok: true, value: reference };
}

/** The M-Pesa TransactionID of a payment to reverse. */
export function checkTransactionId(id: unknown): Checked<string> {
  if (typeof id !== "string" || id === "") return { ok: false, message: "Transaction id is required" };
  if (!TRANSACTION_ID.test(id)) return { ok: false, message: "Transaction id must be 1 to 20 letters and digits" };
  return { ok: true, value: id };
}

function checkText(value: unknown, label: string, max: number, pattern: RegExp, allowed: string): Checked<string> {
  if (typeof value !== "string") return { ok: false, message: `${label} is required` };
  if (value.trim() === "") return { ok: false, message: `${label} must not be empty` };
  if (value !== value.trim()) return { ok: false, message: `${label} must not start or end with spaces (M-Pesa answers INS-1)` };
  if (value.length > max) return { ok: false, message: `${label} must be at most ${max} characters` };
  if (!pattern.test(value)) return { ok: false, message: `${label} may only contain ${allowed}` };
  return { ok: true, value };
}
