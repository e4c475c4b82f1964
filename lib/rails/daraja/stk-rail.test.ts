import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { verifyCallbackToken } from "@/lib/rails/callback-token";
import { railForPayment } from "@/lib/rails/rail";
import type { DarajaClient, StkPushResult, StkQueryResult } from "./client";
import { DarajaError } from "./errors";
import { classifyResultCode } from "./result-codes";
import { darajaStkRail } from "./stk-rail";

const SECRET = "s".repeat(43);
const settings = { publicUrl: "https://pay.example.co.ke/", callbackSecret: SECRET };

/** A Daraja client that answers as told and records the pushes it was asked for. */
function fakeClient(push: StkPushResult, query: StkQueryResult = { kind: "pending", reason: "still processing" }) {
  const pushes: Parameters<DarajaClient["stkPush"]>[0][] = [];
  const client: DarajaClient = {
    stkPush: async (input) => { pushes.push(input); return push; },
    stkQuery: async () => query,
    getAccessToken: async () => "token",
    // The STK rail never uses the initiator APIs.
    api: new Proxy({} as DarajaClient["api"], { get: () => { throw new Error("the STK rail must not call the initiator APIs"); } }),
  };
  return { client, pushes };
}

const ACCEPTED: StkPushResult = { kind: "accepted", merchantRequestId: "29115-34620561-1", checkoutRequestId: "ws_CO_191220191020363925", customerMessage: "Success" };
const REQUEST = { paymentId: "pay_abc12345", mode: "TEST" as const, amount: 100, phone: "254708374149", reference: "INV42" };

describe("the Daraja STK rail", () => {
  it("pushes with the payment's signed callback URL and answers with Daraja's ids", async () => {
    const { client, pushes } = fakeClient(ACCEPTED);
    const rail = darajaStkRail(client, settings);
    expect(await rail.startCharge(REQUEST)).toMatchObject({ kind: "accepted", checkoutRequestId: ACCEPTED.kind === "accepted" ? ACCEPTED.checkoutRequestId : "" });
    expect(pushes).toEqual([{ amount: 100, phone: "254708374149", accountReference: "INV42", description: undefined, callbackUrl: rail.callbackUrl(REQUEST.paymentId, "TEST") }]);
    const token = rail.callbackUrl(REQUEST.paymentId, "TEST").replace("https://pay.example.co.ke/api/callbacks/stk/", "");
    expect(verifyCallbackToken(token, SECRET)).toEqual({ valid: true, paymentId: REQUEST.paymentId, mode: "TEST" });
  });

  it("passes a refusal on with its error, and a lost answer as unknown", async () => {
    const error = new DarajaError({ kind: "configuration", message: "Wrong credentials", errorCode: "500.001.1001" });
    expect(await darajaStkRail(fakeClient({ kind: "rejected", error }).client, settings).startCharge(REQUEST)).toEqual({ kind: "rejected", error });
    const lost: StkPushResult = { kind: "unknown", reason: "no answer within 15000 ms", error: new DarajaError({ kind: "unknown_outcome", message: "x" }) };
    expect(await darajaStkRail(fakeClient(lost).client, settings).startCharge(REQUEST)).toEqual({ kind: "unknown", reason: "no answer within 15000 ms" });
  });

  it("asks its status as the core's query answer", async () => {
    const final: StkQueryResult = { kind: "final", resultCode: "1032", resultDesc: "Request cancelled by user", classification: classifyResultCode("1032"), merchantRequestId: "m", checkoutRequestId: "c" };
    const answer = await darajaStkRail(fakeClient(ACCEPTED, final).client, settings).askStatus("c");
    expect(answer).toMatchObject({ kind: "final", observation: { result: "cancelled", resultCode: "1032", source: "query", failureCode: expect.any(String) } });
    expect(await darajaStkRail(fakeClient(ACCEPTED).client, settings).askStatus("c")).toMatchObject({ kind: "pending" });
  });

  it("reads a final callback into an observation with the ids to match it by, and refuses what is not one", () => {
    const rail = darajaStkRail(fakeClient(ACCEPTED).client, settings);
    const body = { Body: { stkCallback: { MerchantRequestID: "m-1", CheckoutRequestID: "ws_CO_1", ResultCode: 0, ResultDesc: "ok",
      CallbackMetadata: { Item: [{ Name: "Amount", Value: 1.0 }, { Name: "MpesaReceiptNumber", Value: "NLJ7RT61SV" }, { Name: "PhoneNumber", Value: 254708374149 }] } } } };
    expect(rail.readCallback(JSON.stringify(body), { callbackLogId: 7n })).toMatchObject({
      ok: true, match: { checkoutRequestId: "ws_CO_1", merchantRequestId: "m-1" },
      observation: { result: "succeeded", amount: 1, receipt: "NLJ7RT61SV", phone: "254708374149", source: "callback", evidence: { callbackLogId: 7n } },
    });
    const pending = { Body: { stkCallback: { MerchantRequestID: "m", CheckoutRequestID: "c", ResultCode: 4999, ResultDesc: "still" } } };
    expect(rail.readCallback(pending, {})).toEqual({ ok: false, reason: "result 4999 is not a final result" });
    expect(rail.readCallback("not json", {})).toEqual({ ok: false, reason: "body is not JSON" });
  });

  it("names its codes, its currency and its phone rule", () => {
    const rail = darajaStkRail(fakeClient(ACCEPTED).client, settings);
    expect(rail).toMatchObject({ kind: "daraja_stk", currency: "KES" });
    expect(rail.describeResultCode("1032")).toBe("The customer cancelled the payment prompt");
    expect(rail.describeResultCode("X9")).toBe("Unrecognised code X9");
    expect(rail.normalisePhone("0708 374 149")).toBe("254708374149");
    expect(rail.normalisePhone("12345")).toBeNull();
    expect(rail.newPaymentId("LIVE")).toMatch(/^pay_/);
  });
});

describe("railForPayment", () => {
  it("gives a payment its mode's Daraja rail, calling back under PUBLIC_URL", () => {
    const env = parseEnv({ PUBLIC_URL: "https://pay.example.co.ke" });
    for (const mode of ["TEST", "LIVE"] as const) {
      const rail = railForPayment(env, { mode });
      expect(rail?.kind).toBe("daraja_stk");
      expect(rail?.callbackUrl("pay_abc12345", mode)).toMatch(/^https:\/\/pay\.example\.co\.ke\/api\/callbacks\/stk\/pay_abc12345\./);
    }
  });
});
