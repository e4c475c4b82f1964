import { describe, expect, it } from "vitest";
import { buildC2bPaymentBody, readC2bPaymentAnswer, validateC2bPayment, type C2bPaymentInput } from "./c2b";
import type { VodacomAnswer } from "./call";
import { pushConversationId } from "./conversation-id";
import { parseVodacomBody, VodacomError } from "./errors";
import { testConfig } from "./test-support";

const config = testConfig();
const input: C2bPaymentInput = { attemptId: "pay_abc", amount: 1000, phone: "+255 744 553 111", reference: "T1234C", description: "Shoes" };
const ours = pushConversationId("pay_abc");
const answer = (status: number, body: unknown): VodacomAnswer => ({ ok: true, status, body: parseVodacomBody(typeof body === "string" ? body : JSON.stringify(body)) });
const read = (a: VodacomAnswer, c = config) => readC2bPaymentAnswer(c, a, ours);

describe("C2B single stage: the request", () => {
  it("is Vodacom's body, every value a string, the conversation id derived from the attempt", () => {
    const checked = validateC2bPayment(config, input);
    if (!checked.ok) throw new Error(checked.message);
    expect(buildC2bPaymentBody(config, checked.value)).toEqual({
      input_Amount: "1000", input_Country: "TZN", input_Currency: "TZS", input_CustomerMSISDN: "255744553111",
      input_ServiceProviderCode: "000000", input_ThirdPartyConversationID: ours, input_TransactionReference: "T1234C", input_PurchasedItemsDesc: "Shoes",
    });
  });

  it("names the field our checks refuse", () => {
    expect(validateC2bPayment(config, { ...input, attemptId: " " })).toMatchObject({ ok: false, field: "attemptId" });
    expect(validateC2bPayment(config, { ...input, amount: 10.5 })).toMatchObject({ ok: false, field: "amount", message: expect.stringContaining("no cents") });
    expect(validateC2bPayment(config, { ...input, phone: "0712 345 67" })).toMatchObject({ ok: false, field: "phone" });
    expect(validateC2bPayment(config, { ...input, reference: " T1234C" })).toMatchObject({ ok: false, field: "reference", message: expect.stringContaining("INS-1") });
    expect(validateC2bPayment(config, { ...input, description: "" })).toMatchObject({ ok: false, field: "description" });
    expect(validateC2bPayment(testConfig({ maxAmount: 999 }), input)).toMatchObject({ ok: false, field: "amount" });
    expect(validateC2bPayment(config, null as unknown as C2bPaymentInput)).toMatchObject({ ok: false, field: "attemptId" });
  });

  it("lets the sandbox's magic numbers through against the sandbox only", () => {
    expect(validateC2bPayment(config, { ...input, phone: "000000000008" })).toMatchObject({ ok: true, value: { msisdn: "000000000008" } });
    expect(validateC2bPayment(testConfig({ environment: "openapi" }), { ...input, phone: "000000000008" })).toMatchObject({ ok: false, field: "phone" });
  });
});

describe("C2B single stage: the answer, by output_ResponseCode", () => {
  const ids = { output_ConversationID: "08536a5d65ea4f50866db06f577cc5c1", output_ThirdPartyConversationID: ours };

  it("sync INS-0 is paid, with M-Pesa's TransactionID", () => {
    expect(read(answer(201, { output_ResponseCode: "INS-0", output_ResponseDesc: "Request processed successfully", output_TransactionID: "G27DEn1DLoQ3", ...ids }))).toEqual({
      kind: "succeeded", transactionId: "G27DEn1DLoQ3", conversationId: ids.output_ConversationID, description: "Request processed successfully", thirdPartyConversationId: ours,
    });
    expect(read(answer(201, { output_ResponseCode: "INS-0", output_TransactionID: "N/A" }))).toMatchObject({ kind: "succeeded", transactionId: null });
  });

  it("async INS-0 is only taken: the result comes later", () => {
    expect(read(answer(201, { output_ResponseCode: "INS-0", ...ids }), testConfig({ responseMode: "async" }))).toMatchObject({ kind: "accepted", conversationId: ids.output_ConversationID });
  });

  it("declines and cancellations are final", () => {
    expect(read(answer(401, { output_ResponseCode: "INS-5", output_ResponseDesc: "Transaction cancelled by customer" }))).toMatchObject({ kind: "cancelled", code: "INS-5", httpStatus: 401 });
    expect(read(answer(422, { output_ResponseCode: "INS-2006", output_ResponseDesc: "Insufficient balance" }))).toMatchObject({ kind: "failed", code: "INS-2006", reason: "Insufficient balance" });
    expect(read(answer(401, { output_ResponseCode: "INS-2001" }))).toMatchObject({ kind: "failed", code: "INS-2001" });
  });

  it("INS-1, INS-9 and INS-10 leave the outcome unknown; INS-10 says it was a duplicate", () => {
    expect(read(answer(500, { output_ResponseCode: "INS-1", output_ResponseDesc: "Internal Error" }))).toMatchObject({ kind: "unknown", duplicate: false });
    expect(read(answer(408, { output_ResponseCode: "INS-9" }))).toMatchObject({ kind: "unknown", duplicate: false });
    expect(read(answer(409, { output_ResponseCode: "INS-10", output_TransactionID: "N/A", ...ids }))).toMatchObject({ kind: "unknown", duplicate: true, thirdPartyConversationId: ours });
  });

  it("refusals say whether an operator must act", () => {
    expect(read(answer(400, { output_ResponseCode: "INS-13" }))).toMatchObject({ kind: "rejected", error: { kind: "configuration", errorCode: "INS-13" } });
    expect(read(answer(400, { output_ResponseCode: "INS-15" }))).toMatchObject({ kind: "rejected", error: { kind: "permanent", errorCode: "INS-15" } });
    expect(read(answer(503, { output_ResponseCode: "INS-16" }))).toMatchObject({ kind: "retryable", error: { errorCode: "INS-16" } });
  });

  it("an answer without a code is judged by its status, never as a failure after the push may have started", () => {
    expect(read(answer(502, "<html><title>Bad Gateway</title></html>"))).toMatchObject({ kind: "unknown" });
    expect(read(answer(200, ""))).toMatchObject({ kind: "unknown" });
    expect(read(answer(201, '{"status":"ok"}'))).toMatchObject({ kind: "unknown" });
    expect(read(answer(404, "Not Found"))).toMatchObject({ kind: "rejected", error: { kind: "configuration" } });
  });

  it("a failure of the call itself keeps its kind", () => {
    const timeout = new VodacomError({ kind: "unknown_outcome", message: "no answer within 100 ms" });
    expect(read({ ok: false, error: timeout })).toEqual({ kind: "unknown", reason: "no answer within 100 ms", duplicate: false, error: timeout, thirdPartyConversationId: ours });
    const refused = new VodacomError({ kind: "retryable", message: "ECONNREFUSED" });
    expect(read({ ok: false, error: refused })).toMatchObject({ kind: "retryable", error: refused });
  });
});
