import type { ResultCode } from "./types";

/**
 * The STK result codes the simulator produces, with the prose Daraja sends for each (FACTS.md
 * §4). The callback and the query word some results differently; the gateway must map on the code.
 */
export const RESULT = {
  SUCCESS: 0,
  INSUFFICIENT_FUNDS: 1,
  RULE_LIMITED: 17,
  EXPIRED: 1019,
  PUSH_ERROR: 1025,
  CANCELLED: 1032,
  NO_RESPONSE: 1037,
  WRONG_PIN: 2001,
  PRODUCT_MISMATCH: 2028,
  OPERATOR_MISSING: "SFC_IC0003",
} as const;

interface ResultText {
  callback: string;
  query: string;
}

const same = (text: string): ResultText => ({ callback: text, query: text });

const TEXTS = new Map<string, ResultText>([
  ["0", same("The service request is processed successfully.")],
  ["1", same("The balance is insufficient for the transaction.")],
  ["17", same("Rule limited.")],
  ["1019", same("Transaction has expired.")],
  ["1025", same("An error occurred while sending a push request.")],
  ["1032", same("Request cancelled by user")],
  // Observed in 2026: the callback and the query describe the same 1037 differently.
  ["1037", { callback: "No response from user.", query: "DS timeout user cannot be reached." }],
  ["2001", same("The initiator information is invalid.")],
  ["2028", same("The request is not permitted according to product assignment.")],
  ["SFC_IC0003", same("The operator does not exist.")],
]);

export function describeResult(code: ResultCode): ResultText {
  return TEXTS.get(String(code)) ?? same("The transaction failed.");
}

/** The query's ResponseDescription once a push has an outcome, with or without Daraja's typo. */
export function queryAcceptedDescription(typo: boolean): string {
  return `The service request has been accepted ${typo ? "successsfully" : "successfully"}`;
}
