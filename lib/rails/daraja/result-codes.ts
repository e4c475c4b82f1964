// By code only: ResultDesc prose differs between callback, query and years (FACTS.md §4).

/** `unknown`: a code Malipo has never seen, so neither a failure nor a success it can act on alone. */
export type ResultOutcome = "succeeded" | "cancelled" | "failed" | "pending" | "unknown";

export interface ResultCodeInfo {
  outcome: Exclude<ResultOutcome, "unknown">;
  reason: string;
}

export interface ResultClassification {
  outcome: ResultOutcome;
  reason: string;
  code: string;
  known: boolean;
}

/** Every STK result code Malipo recognises; exported so dashboards can label a breakdown by code. */
export const RESULT_CODES: Readonly<Record<string, ResultCodeInfo>> = {
  "0": { outcome: "succeeded", reason: "Paid" },
  "1": { outcome: "failed", reason: "The customer's M-Pesa balance was insufficient" },
  "2": { outcome: "failed", reason: "Declined: the amount is below the M-Pesa minimum" },
  "3": { outcome: "failed", reason: "Declined: the amount is above the M-Pesa maximum per transaction" },
  "4": { outcome: "failed", reason: "Declined: the customer's daily M-Pesa transfer limit would be exceeded" },
  "8": { outcome: "failed", reason: "Declined: the M-Pesa maximum account balance would be exceeded" },
  "17": { outcome: "failed", reason: "Declined: the same amount was requested from this customer within 2 minutes" },
  "26": { outcome: "failed", reason: "M-Pesa was too busy to process the payment" },
  "1001": { outcome: "failed", reason: "The customer had another M-Pesa transaction in progress" },
  "1019": { outcome: "failed", reason: "The payment prompt expired before it was processed" },
  "1025": { outcome: "failed", reason: "M-Pesa could not send the prompt to the phone (the prompt text may be too long)" },
  "1031": { outcome: "cancelled", reason: "The customer cancelled the payment prompt" },
  "1032": { outcome: "cancelled", reason: "The customer cancelled the payment prompt" },
  "1036": { outcome: "failed", reason: "The prompt could not be delivered to the phone (SMS centre timeout)" },
  "1037": { outcome: "failed", reason: "The customer's phone could not be reached or the customer did not respond" },
  "2001": { outcome: "failed", reason: "The customer entered a wrong M-Pesa PIN" },
  "2028": { outcome: "failed", reason: "Not permitted for this paybill or till: check the shortcode and transaction type setup" },
  "8006": { outcome: "failed", reason: "The customer's M-Pesa PIN is locked" },
  SFC_IC0003: { outcome: "failed", reason: "The paybill or till does not exist on M-Pesa: check the till number setup" },
  // Seen only on the STK query while the prompt is still on the phone.
  "4999": { outcome: "pending", reason: "The customer has not answered the prompt yet" },
};

/**
 * Classifies a result code (number or string, compared by value). An unknown code is `unknown`,
 * never `failed`: a new "still processing" code (as 4999 once was) would otherwise fail payments
 * the customer is about to pay. The status query asks again later; a callback goes to REVIEW.
 */
export function classifyResultCode(code: string | number): ResultClassification {
  const normalised = normaliseResultCode(code);
  // hasOwn: a code such as "constructor" must not find Object.prototype's members.
  const info = Object.hasOwn(RESULT_CODES, normalised) ? RESULT_CODES[normalised] : undefined;
  if (info) return { ...info, code: normalised, known: true };
  return { outcome: "unknown", reason: `Unrecognised M-Pesa result code ${normalised || "(empty)"}`, code: normalised, known: false };
}

/** `0`, `"0"` and `"00"` are one code; alphanumeric codes are kept as sent. */
export function normaliseResultCode(code: string | number): string {
  const text = String(code).trim();
  return /^\d{1,15}$/.test(text) ? String(Number(text)) : text;
}

/** A result code in words for finance staff, for a breakdown by code; never throws. */
export function describeResultCode(code: string): string {
  return Object.hasOwn(RESULT_CODES, code) ? RESULT_CODES[code]!.reason : `Unrecognised code ${code}`;
}
