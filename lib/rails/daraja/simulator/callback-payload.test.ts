import { describe, expect, it } from "vitest";
import { buildCallbackPayload } from "./callback-payload";
import { describeResult } from "./result-codes";
import type { PushResult, StkPushRequest } from "./types";

const push = {
  merchantRequestId: "ac7b-470b-8df7-23ab3cef38271071873",
  checkoutRequestId: "ws_CO_14032025153013069708374149",
  request: { amount: 10, phoneNumber: "254708374149" } as StkPushRequest,
};
const result = (code: number | string, extra: Partial<PushResult> = {}): PushResult => ({
  code, callbackDesc: describeResult(code).callback, queryDesc: describeResult(code).query,
  at: new Date("2025-03-14T12:30:40.000Z"), decidedBy: "scenario", receipt: null, amount: null, ...extra,
});

describe("buildCallbackPayload", () => {
  it("builds a success callback the way Daraja sends it", () => {
    const body = buildCallbackPayload(push, result(0, { receipt: "TCE3ABCDEF", amount: 9 }));
    expect(body).toEqual({
      Body: {
        stkCallback: {
          MerchantRequestID: push.merchantRequestId,
          CheckoutRequestID: push.checkoutRequestId,
          ResultCode: 0,
          ResultDesc: "The service request is processed successfully.",
          CallbackMetadata: {
            Item: [
              { Name: "Amount", Value: 9 },
              { Name: "MpesaReceiptNumber", Value: "TCE3ABCDEF" },
              { Name: "Balance" },
              { Name: "TransactionDate", Value: 20250314153040 },
              { Name: "PhoneNumber", Value: 254708374149 },
            ],
          },
        },
      },
    });
  });

  it("sends failures with a numeric code and no metadata", () => {
    const body = buildCallbackPayload(push, result(1037));
    expect(body.Body.stkCallback).toEqual({
      MerchantRequestID: push.merchantRequestId,
      CheckoutRequestID: push.checkoutRequestId,
      ResultCode: 1037,
      ResultDesc: "No response from user.",
    });
  });

  it("keeps alphanumeric result codes as strings", () => {
    const body = buildCallbackPayload(push, result("SFC_IC0003"));
    expect(body.Body.stkCallback).toMatchObject({ ResultCode: "SFC_IC0003", ResultDesc: "The operator does not exist." });
    expect(body.Body.stkCallback).not.toHaveProperty("CallbackMetadata");
  });
});
