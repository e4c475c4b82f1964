import type { ServerResponse } from "node:http";
import { sendJson } from "@/lib/rails/daraja/simulator/http";

/**
 * The codes the simulator answers with, each with the HTTP status and the description Vodacom
 * pairs with it. Its own table, on purpose: the client's classification is what is under test.
 */
export const CODE = {
  SUCCESS: "INS-0",
  INTERNAL_ERROR: "INS-1",
  INVALID_API_KEY: "INS-2",
  CANCELLED: "INS-5",
  FAILED: "INS-6",
  TIMEOUT: "INS-9",
  DUPLICATE: "INS-10",
  INVALID_SHORTCODE: "INS-13",
  INVALID_AMOUNT: "INS-15",
  OVERLOADED: "INS-16",
  INVALID_REFERENCE_LENGTH: "INS-17",
  INVALID_TRANSACTION_ID: "INS-18",
  MISSING_PARAMETERS: "INS-20",
  VALIDATION_FAILED: "INS-21",
  NOT_FOUND: "INS-23",
  INVALID_CURRENCY: "INS-26",
  INVALID_CONVERSATION_ID: "INS-28",
  INVALID_DESCRIPTION: "INS-30",
  NOT_YOURS: "INS-35",
  SESSION_FAILED: "INS-989",
  INVALID_MARKET: "INS-998",
  PIN_REFUSED: "INS-2001",
  INSUFFICIENT_BALANCE: "INS-2006",
  INVALID_MSISDN: "INS-2051",
} as const;

export type SimCode = (typeof CODE)[keyof typeof CODE];

const ANSWERS: Readonly<Record<SimCode, { status: number; desc: string }>> = {
  "INS-0": { status: 201, desc: "Request processed successfully" },
  "INS-1": { status: 500, desc: "Internal Error" },
  "INS-2": { status: 401, desc: "Invalid API Key" },
  "INS-5": { status: 401, desc: "Transaction cancelled by customer" },
  "INS-6": { status: 401, desc: "Transaction Failed" },
  "INS-9": { status: 408, desc: "Request timeout" },
  "INS-10": { status: 409, desc: "Duplicate Transaction" },
  "INS-13": { status: 400, desc: "Invalid Shortcode Used" },
  "INS-15": { status: 400, desc: "Invalid Amount Used" },
  "INS-16": { status: 503, desc: "Unable to handle the request due to a temporary overloading" },
  "INS-17": { status: 400, desc: "Invalid Transaction Reference. Length Should Be Between 1 and 20." },
  "INS-18": { status: 400, desc: "Invalid TransactionID Used" },
  "INS-20": { status: 400, desc: "Not All Parameters Provided. Please try again." },
  "INS-21": { status: 400, desc: "Parameter validations failed. Please try again." },
  "INS-23": { status: 400, desc: "Transaction not found. Contact M-Pesa Support" },
  "INS-26": { status: 400, desc: "Invalid Currency Used" },
  "INS-28": { status: 400, desc: "Invalid ThirdPartyConversationID Used" },
  "INS-30": { status: 400, desc: "Invalid PurchasedItemsDesc Used" },
  "INS-35": { status: 400, desc: "This transaction do not belong to you" },
  "INS-989": { status: 400, desc: "Session Creation Failed" },
  "INS-998": { status: 400, desc: "Invalid Market" },
  "INS-2001": { status: 401, desc: "Initiator authentication error" },
  "INS-2006": { status: 422, desc: "Insufficient balance" },
  "INS-2051": { status: 400, desc: "MSISDN invalid" },
};

export function statusOf(code: SimCode): number {
  return ANSWERS[code].status;
}

export function descriptionOf(code: SimCode): string {
  return ANSWERS[code].desc;
}

/** Sends `{output_ResponseCode, output_ResponseDesc, ...fields}` with the code's HTTP status (or `status`). */
export function sendVodacom(res: ServerResponse, code: SimCode, fields: Record<string, string> = {}, status = statusOf(code)): void {
  if (res.destroyed || res.writableEnded) return;
  sendJson(res, status, { output_ResponseCode: code, output_ResponseDesc: descriptionOf(code), ...fields });
}
