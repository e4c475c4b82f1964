import { darajaTimestamp } from "../password";
import type { PushRecord, PushResult } from "./types";

/**
 * The STK callback body as captured from 2017 to 2026 (FACTS.md §4). Success carries
 * CallbackMetadata with items read by Name: Balance has no Value key, TransactionDate and
 * PhoneNumber are JSON numbers. Failures carry no CallbackMetadata at all. ResultCode is a number,
 * except alphanumeric codes such as "SFC_IC0003", which stay strings.
 */
export function buildCallbackPayload(push: Pick<PushRecord, "merchantRequestId" | "checkoutRequestId" | "request">, result: PushResult) {
  const stkCallback: Record<string, unknown> = {
    MerchantRequestID: push.merchantRequestId,
    CheckoutRequestID: push.checkoutRequestId,
    ResultCode: result.code,
    ResultDesc: result.callbackDesc,
  };
  if (result.code === 0) {
    stkCallback.CallbackMetadata = {
      Item: [
        { Name: "Amount", Value: result.amount ?? push.request.amount },
        { Name: "MpesaReceiptNumber", Value: result.receipt },
        { Name: "Balance" },
        { Name: "TransactionDate", Value: Number(darajaTimestamp(result.at)) },
        { Name: "PhoneNumber", Value: Number(push.request.phoneNumber) },
      ],
    };
  }
  return { Body: { stkCallback } };
}
