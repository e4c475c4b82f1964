/**
 * Stable `failure_code` values storefronts can branch on, from M-Pesa result codes (by code, never
 * by prose). `failure_message` carries the readable reason from lib/rails/daraja/result-codes.ts.
 */
const BY_RESULT_CODE: Readonly<Record<string, string>> = {
  "1": "insufficient_funds",
  "2": "amount_limit",
  "3": "amount_limit",
  "4": "amount_limit",
  "8": "amount_limit",
  "17": "rule_limited",
  "26": "mpesa_busy",
  "1001": "customer_busy",
  "1019": "prompt_expired",
  "1025": "prompt_not_delivered",
  "1036": "prompt_not_delivered",
  "1031": "cancelled_by_customer",
  "1032": "cancelled_by_customer",
  "1037": "no_response",
  "2001": "wrong_pin",
  "2028": "merchant_misconfigured",
  SFC_IC0003: "merchant_misconfigured",
  "8006": "pin_locked",
};

export function failureCodeFor(resultCode: string): string {
  return Object.hasOwn(BY_RESULT_CODE, resultCode) ? BY_RESULT_CODE[resultCode]! : "mpesa_failed";
}
