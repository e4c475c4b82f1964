import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { railForPayment } from "@/lib/rails/rail";
import { verifyVodacomResultToken } from "./result-token";
import { vodacomC2bRail, vodacomResultUrl } from "./c2b-rail";
import type { C2bPaymentInput } from "./c2b";
import type { VodacomClient } from "./client";
import { pushConversationId } from "./conversation-id";
import { VodacomError } from "./errors";
import type { QueryTransactionStatusResult } from "./query";
import { testConfig } from "./test-support";
import type { TransactionAnswer } from "./transaction-answer";

const settings = { market: "TZN" as const, environment: "sandbox" as const, publicUrl: "https://pay.example.co.tz/", callbackSecret: "s".repeat(43) };
const REQUEST = { paymentId: "pay_abc12345", mode: "TEST" as const, amount: 1500, phone: "255754123456", reference: "INV42" };
const TPC = pushConversationId(REQUEST.paymentId);

/** A Vodacom client that answers as told and records the payments it was asked for. */
function fakeClient(payment: TransactionAnswer, query?: QueryTransactionStatusResult) {
  const payments: C2bPaymentInput[] = [];
  const queries: string[] = [];
  const client: VodacomClient = {
    config: testConfig(),
    c2bPayment: async (input) => {
      payments.push(input);
      return { ...payment, thirdPartyConversationId: pushConversationId(input.attemptId) };
    },
    queryTransactionStatus: async (input) => {
      queries.push(input.queryReference);
      return query ?? { kind: "not_found", reason: "Transaction not found", thirdPartyConversationId: "q" };
    },
    reverse: async () => { throw new Error("not used"); },
    getSession: async () => "session",
  };
  return { rail: vodacomC2bRail(async () => client, settings), payments, queries };
}

const found = (status: string, outcome: "succeeded" | "cancelled" | "failed" | "unknown", s: "completed" | "cancelled" | "expired" | "failed" | "not_available"): QueryTransactionStatusResult => ({
  kind: "found", status: s, rawStatus: status, outcome, reason: status, transactionId: "G27DEn1DLoQ3", reversed: false, conversationId: "c1", thirdPartyConversationId: "q",
});

describe("the Vodacom C2B rail", () => {
  it("pushes the payment as its one attempt, and a success waits for the status query by our conversation id", async () => {
    const { rail, payments } = fakeClient({ kind: "succeeded", transactionId: "G27DEn1DLoQ3", conversationId: "AG_2026_1", description: "ok" });
    expect(await rail.startCharge(REQUEST)).toEqual({ kind: "accepted", checkoutRequestId: TPC, merchantRequestId: "AG_2026_1" });
    expect(payments).toEqual([{ attemptId: REQUEST.paymentId, amount: 1500, phone: "255754123456", reference: "INV42", description: "INV42" }]);
    expect(rail.statusReferenceFor(REQUEST.paymentId)).toBe(TPC);
  });

  it("fails a decline with Vodacom's code, keeps a lost answer unknown, passes refusals on", async () => {
    const declined = await fakeClient({ kind: "failed", code: "INS-2006", reason: "Insufficient balance", description: "Insufficient balance", httpStatus: 422 }).rail.startCharge(REQUEST);
    expect(declined).toMatchObject({ kind: "rejected", error: { kind: "permanent", errorCode: "INS-2006", httpStatus: 422 } });
    const error = new VodacomError({ kind: "unknown_outcome", message: "no answer within 120000 ms" });
    expect(await fakeClient({ kind: "unknown", reason: "no answer within 120000 ms", duplicate: false, error }).rail.startCharge(REQUEST)).toEqual({ kind: "unknown", reason: "no answer within 120000 ms" });
    const duplicate = await fakeClient({ kind: "unknown", reason: "INS-10", duplicate: true, error }).rail.startCharge(REQUEST);
    expect(duplicate).toMatchObject({ kind: "unknown", reason: expect.stringContaining("first request") });
    const busy = new VodacomError({ kind: "retryable", message: "INS-16" });
    expect(await fakeClient({ kind: "retryable", error: busy }).rail.startCharge(REQUEST)).toEqual({ kind: "retryable", error: busy });
  });

  it("says a client it cannot build is the configuration's fault, and an unreachable simulator retryable", async () => {
    const broken = vodacomC2bRail(async () => { throw new TypeError("Invalid Vodacom configuration: publicKey is neither base64 DER nor PEM"); }, settings);
    expect(await broken.startCharge(REQUEST)).toMatchObject({ kind: "rejected", error: { kind: "configuration" } });
    expect(await broken.askStatus(TPC)).toMatchObject({ kind: "refused" });
    const away = vodacomC2bRail(async () => { throw new VodacomError({ kind: "retryable", message: "connection refused" }); }, settings);
    expect(await away.startCharge(REQUEST)).toMatchObject({ kind: "retryable" });
    expect(await away.askStatus(TPC)).toMatchObject({ kind: "unanswered" });
  });

  it("reads the status query: Completed, Cancelled and Expired settle; N/A and not found wait", async () => {
    const ask = async (answer: QueryTransactionStatusResult) => fakeClient({ kind: "accepted", conversationId: null, description: "" }, answer).rail.askStatus(TPC);
    expect(await ask(found("Completed", "succeeded", "completed"))).toMatchObject({ kind: "final", observation: { result: "succeeded", resultCode: "INS-0", source: "query" } });
    expect(await ask(found("Cancelled", "cancelled", "cancelled"))).toMatchObject({ kind: "final", observation: { result: "cancelled", failureCode: "cancelled_by_customer" } });
    expect(await ask(found("Expired", "failed", "expired"))).toMatchObject({ kind: "final", observation: { result: "failed", resultCode: "INS-9", failureCode: "no_response" } });
    expect(await ask(found("N/A", "unknown", "not_available"))).toMatchObject({ kind: "pending" });
    expect(await ask({ kind: "not_found", reason: "not found", thirdPartyConversationId: "q" })).toMatchObject({ kind: "pending" });
  });

  it("reads a posted result into an observation matched by our conversation id, and refuses what settles nothing", () => {
    const { rail } = fakeClient({ kind: "accepted", conversationId: null, description: "" });
    const body = { input_OriginalConversationID: "AG_1", input_TransactionID: "G27DEn1DLoQ3", input_ResultCode: "INS-0", input_ResultDesc: "Request processed successfully", input_ThirdPartyConversationID: TPC };
    expect(rail.readCallback(JSON.stringify(body), { callbackLogId: 3n })).toMatchObject({
      ok: true, match: { checkoutRequestId: TPC, merchantRequestId: "AG_1" },
      observation: { result: "succeeded", resultCode: "INS-0", receipt: "G27DEn1DLoQ3", source: "callback", evidence: { callbackLogId: 3n } },
    });
    expect(rail.readCallback({ ...body, input_ResultCode: "INS-2006" }, {})).toMatchObject({ ok: true, observation: { result: "failed", failureCode: "insufficient_funds" } });
    expect(rail.readCallback({ ...body, input_ResultCode: "INS-1" }, {})).toEqual({ ok: false, reason: "result INS-1 is not a final result" });
    expect(rail.readCallback("not json", {})).toEqual({ ok: false, reason: "The body is not JSON" });
  });

  it("names its codes, its currency, its phone rule and its result URL", () => {
    const { rail } = fakeClient({ kind: "accepted", conversationId: null, description: "" });
    expect(rail).toMatchObject({ kind: "vodacom_c2b", currency: "TZS" });
    expect(rail.describeResultCode("INS-2006")).toBe("Insufficient balance");
    expect(rail.describeResultCode("INS-77")).toBe("Unrecognised code INS-77");
    expect(rail.normalisePhone("0754 123 456")).toBe("255754123456");
    expect(rail.normalisePhone("+255 754 123 456")).toBe("255754123456");
    expect(rail.normalisePhone("0708 374 149")).toBe("255708374149");
    expect(rail.normalisePhone("254708374149")).toBeNull();
    expect(rail.normalisePhone("000000000001")).toBe("000000000001");
    expect(vodacomC2bRail(async () => { throw new Error("unused"); }, { ...settings, environment: "openapi" }).normalisePhone("000000000001")).toBeNull();
    // One URL per mode, behind a token only the gateway can make.
    const live = rail.callbackUrl("pay_x", "LIVE");
    expect(live).toMatch(/^https:\/\/pay\.example\.co\.tz\/api\/callbacks\/vodacom\/[0-9a-f]+\.L\.[0-9a-f]{64}$/);
    expect(rail.callbackUrl("pay_y", "LIVE")).toBe(live);
    const test = vodacomResultUrl("https://pay.example.co.tz", settings.callbackSecret, "TEST");
    expect(verifyVodacomResultToken(test.split("/").at(-1)!, settings.callbackSecret)).toEqual({ valid: true, mode: "TEST" });
    expect(verifyVodacomResultToken(live.split("/").at(-1)!, "another-secret-another-secret-000").valid).toBe(false);
    expect(rail.newPaymentId("TEST")).toMatch(/^pay_/);
  });
});

describe("railForPayment with vodacom_c2b", () => {
  it("is the simulator's in demo mode and absent in production without VODACOM_* credentials", () => {
    const demo = parseEnv({});
    expect(railForPayment(demo, { mode: "TEST", rail: "vodacom_c2b" })).toMatchObject({ kind: "vodacom_c2b", currency: "TZS" });
    const production = parseEnv({ MALIPO_MODE: "staging", PUBLIC_URL: "https://pay.example.co.tz", AUTH_SECRET: "a".repeat(40), CALLBACK_SECRET: "c".repeat(40), DATA_SECRET: "d".repeat(40), DATABASE_URL: "postgresql://u:p@h:5432/db" });
    expect(railForPayment(production, { mode: "TEST", rail: "vodacom_c2b" })).toBeNull();
    expect(railForPayment(production, { mode: "LIVE", rail: "vodacom_c2b" })).toBeNull();
  });
});
