import { describe, expect, it } from "vitest";
import type { VodacomAnswer } from "./call";
import { parseVodacomBody } from "./errors";
import { buildQueryParameters, readFlag, readQueryAnswer } from "./query";
import { testConfig } from "./test-support";

const answer = (status: number, body: unknown): VodacomAnswer => ({ ok: true, status, body: parseVodacomBody(typeof body === "string" ? body : JSON.stringify(body)) });
const found = (status: string, extra: Record<string, string> = {}) => readQueryAnswer(answer(200, {
  output_ResponseCode: "INS-0", output_ResponseDesc: "Request processed successfully", output_ResponseTransactionStatus: status,
  output_ConversationID: "c1", output_ThirdPartyConversationID: "q1", output_OriginalTransactionID: "4C123GE3", output_Reversed: "False", ...extra,
}), "q1");

describe("query transaction status", () => {
  it("sends its parameters in the query string shape", () => {
    expect(buildQueryParameters(testConfig(), "000000000001", "q1")).toEqual({
      input_QueryReference: "000000000001", input_ServiceProviderCode: "000000", input_ThirdPartyConversationID: "q1", input_Country: "TZN",
    });
  });

  it("types Vodacom's statuses and what they mean for the payment", () => {
    expect(found("Completed")).toEqual({
      kind: "found", status: "completed", rawStatus: "Completed", outcome: "succeeded", reason: "Paid", transactionId: "4C123GE3",
      reversed: false, conversationId: "c1", thirdPartyConversationId: "q1",
    });
    expect(found("Cancelled")).toMatchObject({ status: "cancelled", outcome: "cancelled" });
    expect(found("Expired")).toMatchObject({ status: "expired", outcome: "failed" });
    expect(found("Failed")).toMatchObject({ status: "failed", outcome: "failed" });
    expect(found("N/A", { output_OriginalTransactionID: "N/A" })).toMatchObject({ status: "not_available", outcome: "unknown", transactionId: null });
    expect(found("Pending")).toMatchObject({ status: "other", rawStatus: "Pending", outcome: "unknown", reason: 'M-Pesa reported the status "Pending"' });
    expect(found("completed", { output_Reversed: "True" })).toMatchObject({ status: "completed", reversed: true });
  });

  it("INS-23 is 'not found', which settles nothing", () => {
    expect(readQueryAnswer(answer(400, { output_ResponseCode: "INS-23", output_ResponseDesc: "Transaction not found. Contact M-Pesa Support" }), "q1"))
      .toEqual({ kind: "not_found", reason: "Transaction not found. Contact M-Pesa Support", thirdPartyConversationId: "q1" });
  });

  it("other codes and unreadable answers are errors that say nothing about the payment", () => {
    expect(readQueryAnswer(answer(500, { output_ResponseCode: "INS-1" }), "q1")).toMatchObject({ kind: "error", error: { kind: "retryable", errorCode: "INS-1" } });
    expect(readQueryAnswer(answer(401, { output_ResponseCode: "INS-6" }), "q1")).toMatchObject({ kind: "error", error: { kind: "retryable" } });
    expect(readQueryAnswer(answer(400, { output_ResponseCode: "INS-13" }), "q1")).toMatchObject({ kind: "error", error: { kind: "configuration" } });
    expect(readQueryAnswer(answer(502, "<html></html>"), "q1")).toMatchObject({ kind: "error", error: { kind: "retryable" } });
  });

  it("reads the reversed flag as text or boolean", () => {
    expect([readFlag("True"), readFlag(" false "), readFlag(true), readFlag("yes"), readFlag(undefined)]).toEqual([true, false, true, null, null]);
  });
});
