import { describe, expect, it } from "vitest";
import type { VodacomAnswer } from "./call";
import { reversalConversationId } from "./conversation-id";
import { parseVodacomBody } from "./errors";
import { buildReversalBody, readReversalAnswer, validateReversal } from "./reversal";
import { testConfig } from "./test-support";

const config = testConfig();
const answer = (status: number, body: unknown): VodacomAnswer => ({ ok: true, status, body: parseVodacomBody(JSON.stringify(body)) });

describe("reversal", () => {
  it("omits the amount for a whole reversal and sends it for a partial one", () => {
    const whole = validateReversal(config, { refundId: "rf_1", transactionId: "G27DEn1DLoQ3" });
    const part = validateReversal(config, { refundId: "rf_2", transactionId: "G27DEn1DLoQ3", amount: 25 });
    if (!whole.ok || !part.ok) throw new Error("invalid");
    expect(buildReversalBody(config, whole.value)).toEqual({
      input_Country: "TZN", input_ServiceProviderCode: "000000", input_ThirdPartyConversationID: reversalConversationId("rf_1"), input_TransactionID: "G27DEn1DLoQ3",
    });
    expect(buildReversalBody(config, part.value)).toMatchObject({ input_ReversalAmount: "25", input_ThirdPartyConversationID: reversalConversationId("rf_2") });
  });

  it("refuses what Vodacom would refuse, naming the field", () => {
    expect(validateReversal(config, { refundId: "", transactionId: "G27DEn1DLoQ3" })).toMatchObject({ ok: false, field: "refundId" });
    expect(validateReversal(config, { refundId: "rf", transactionId: "G27-DEn" })).toMatchObject({ ok: false, field: "transactionId" });
    expect(validateReversal(config, { refundId: "rf", transactionId: "G27DEn1DLoQ3", amount: 2.5 })).toMatchObject({ ok: false, field: "amount" });
    expect(validateReversal(config, { refundId: "rf", transactionId: "G27DEn1DLoQ3", amount: 0 })).toMatchObject({ ok: false, field: "amount" });
  });

  it("reads the answer like a payment's: the new TransactionID is the reversal's", () => {
    const ours = reversalConversationId("rf_1");
    expect(readReversalAnswer(config, answer(201, { output_ResponseCode: "INS-0", output_TransactionID: "R3v3rsal01", output_ConversationID: "c" }), ours))
      .toMatchObject({ kind: "succeeded", transactionId: "R3v3rsal01", thirdPartyConversationId: ours });
    expect(readReversalAnswer(config, answer(400, { output_ResponseCode: "INS-35" }), ours)).toMatchObject({ kind: "rejected", error: { kind: "permanent", errorCode: "INS-35" } });
    expect(readReversalAnswer(config, answer(422, { output_ResponseCode: "INS-2006" }), ours)).toMatchObject({ kind: "failed", code: "INS-2006" });
    expect(readReversalAnswer(config, answer(500, { output_ResponseCode: "INS-1" }), ours)).toMatchObject({ kind: "unknown" });
    expect(readReversalAnswer(config, answer(409, { output_ResponseCode: "INS-10" }), ours)).toMatchObject({ kind: "unknown", duplicate: true });
  });
});
