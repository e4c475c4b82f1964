import { describe, expect, it } from "vitest";
import { buildResultAcknowledgement, parseVodacomResult } from "./async-result";

const posted = {
  input_OriginalConversationID: "fd1e9143d22544459f7c66e1860ef276", input_TransactionID: "hv9ahxcg4ccv", input_ResultCode: "INS-0",
  input_ResultDesc: "Request processed successfully", input_ThirdPartyConversationID: "1e9b774d1da34af78412a498cbc28f5e",
};

describe("parseVodacomResult", () => {
  it("reads a posted result from its raw text or its JSON", () => {
    const expected = {
      ok: true,
      result: {
        originalConversationId: posted.input_OriginalConversationID, thirdPartyConversationId: posted.input_ThirdPartyConversationID,
        transactionId: "hv9ahxcg4ccv", resultCode: "INS-0", resultDesc: "Request processed successfully",
        classification: { code: "INS-0", outcome: "succeeded", meaning: "Request processed successfully", known: true },
        outcome: "succeeded", originalTransactionId: null, reversed: null,
      },
    };
    expect(parseVodacomResult(JSON.stringify(posted))).toEqual(expected);
    expect(parseVodacomResult(posted)).toEqual(expected);
  });

  it("classifies the result code: declines settle, doubts do not", () => {
    const outcome = (code: string) => { const r = parseVodacomResult({ ...posted, input_ResultCode: code, input_TransactionID: "N/A" }); return r.ok ? [r.result.outcome, r.result.transactionId] : r.reason; };
    expect(outcome("INS-2006")).toEqual(["failed", null]);
    expect(outcome("INS-5")).toEqual(["cancelled", null]);
    expect(outcome("INS-1")).toEqual(["unknown", null]);
    expect(outcome("INS-9")).toEqual(["unknown", null]);
    expect(outcome("INS-15")).toEqual(["failed", null]);
    expect(outcome("INS-4242")).toEqual(["unknown", null]);
  });

  it("reads a query's posted result without deciding the payment from it", () => {
    const parsed = parseVodacomResult({ ...posted, input_OriginalTransactionID: "4C123GE3", input_Reversed: "True" }, "query_transaction_status");
    expect(parsed).toMatchObject({ ok: true, result: { outcome: "unknown", originalTransactionId: "4C123GE3", reversed: true } });
  });

  it.each([
    ["not JSON", "{", "The body is not JSON"],
    ["an array", "[]", "The body is not a JSON object"],
    ["no result code", { ...posted, input_ResultCode: undefined }, "input_ResultCode is missing"],
    ["no conversation id", { ...posted, input_ThirdPartyConversationID: "" }, "input_ThirdPartyConversationID is missing or malformed"],
    ["a strange conversation id", { ...posted, input_ThirdPartyConversationID: "<script>" }, "input_ThirdPartyConversationID is missing or malformed"],
    ["no original conversation id", { ...posted, input_OriginalConversationID: null }, "input_OriginalConversationID is missing or malformed"],
    ["null", null, "The body is not a JSON object"],
  ])("refuses %s", (_name, body, reason) => {
    expect(parseVodacomResult(body)).toEqual({ ok: false, reason });
  });
});

describe("buildResultAcknowledgement", () => {
  it("answers in Vodacom's own shape", () => {
    expect(buildResultAcknowledgement({ originalConversationId: posted.input_OriginalConversationID, thirdPartyConversationId: posted.input_ThirdPartyConversationID })).toEqual({
      output_OriginalConversationID: "fd1e9143d22544459f7c66e1860ef276", output_ResponseCode: "0",
      output_ResponseDesc: "Successfully Accepted Result", output_ThirdPartyConversationID: "1e9b774d1da34af78412a498cbc28f5e",
    });
  });
});
