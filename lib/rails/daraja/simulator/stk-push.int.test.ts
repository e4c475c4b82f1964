import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SANDBOX_PASSKEY, SANDBOX_SHORTCODE } from "@/lib/env";
import { darajaTimestamp, stkPassword } from "../password";
import { scenarioPhone } from "./scenarios";
import { startSimulator } from "./server";
import { getToken, postJson, startCallbackReceiver, stkPushBody, type CallbackReceiver } from "./test-support";

type Simulator = Awaited<ReturnType<typeof startSimulator>>;

const REQUEST_ID = expect.stringMatching(/^[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\d{6,7}$/);
const STORE = "300100";
const STORE_PASSKEY = "store-passkey-for-tests";
const TILL = "5123456";

describe("STK push /mpesa/stkpush/v1/processrequest", () => {
  let sim: Simulator;
  let receiver: CallbackReceiver;
  let token: string;
  let pushUrl: string;
  const push = (overrides: Record<string, unknown> = {}) => postJson(pushUrl, token, stkPushBody({ CallBackURL: `${receiver.url}/cb`, ...overrides }));

  beforeAll(async () => {
    receiver = await startCallbackReceiver();
    sim = await startSimulator({
      port: 0, seed: "stk-push", callbackDelayMs: 30, hangMs: 300,
      shortcodes: [{ shortcode: SANDBOX_SHORTCODE, passkey: SANDBOX_PASSKEY }, { shortcode: STORE, passkey: STORE_PASSKEY, tills: [TILL], paybill: false }],
    });
    token = await getToken(sim.url);
    pushUrl = `${sim.url}/mpesa/stkpush/v1/processrequest`;
  });
  beforeEach(() => sim.reset());
  afterAll(async () => {
    await sim.close();
    await receiver.close();
  });

  it("accepts a valid push with Daraja's acknowledgement", async () => {
    const before = new Date();
    const res = await push({ Amount: "100", BusinessShortCode: 174379, PartyA: 254708374149, PhoneNumber: 254708374149 });
    expect(res).toEqual({
      status: 200,
      body: {
        MerchantRequestID: REQUEST_ID,
        CheckoutRequestID: expect.stringMatching(/^ws_CO_\d{8}\d{6}\d{1,3}708374149$/),
        ResponseCode: "0",
        ResponseDescription: "Success. Request accepted for processing",
        CustomerMessage: "Success. Request accepted for processing",
      },
    });
    // The id carries today's Nairobi date as ddMMyyyy.
    const ts = darajaTimestamp(before);
    expect(String(res.body.CheckoutRequestID).slice(6, 14)).toBe(ts.slice(6, 8) + ts.slice(4, 6) + ts.slice(0, 4));
    expect(sim.pushes()).toHaveLength(1);
  });

  it("gives two identical pushes two CheckoutRequestIDs (no idempotency)", async () => {
    const [a, b] = await Promise.all([push(), push()]);
    expect(a?.body.CheckoutRequestID).not.toBe(b?.body.CheckoutRequestID);
    expect(sim.pushes()).toHaveLength(2);
  });

  it.each([
    ["a 13-digit Timestamp", { Timestamp: "2025031415301" }, "Timestamp"],
    ["a Timestamp that is no date", { Timestamp: "20250231153012" }, "Timestamp"],
    ["a 07… phone", { PhoneNumber: "0708374149", PartyA: "0708374149" }, "PhoneNumber"],
    ["a +254 phone", { PhoneNumber: "+254708374149", PartyA: "+254708374149" }, "PhoneNumber"],
    ["a decimal amount", { Amount: 10.5 }, "Amount"],
    ["a decimal string amount", { Amount: "10.50" }, "Amount"],
    ["250001", { Amount: 250_001 }, "Amount"],
    ["an amount of 0", { Amount: 0 }, "Amount"],
    ["an unknown TransactionType", { TransactionType: "CustomerPayBill" }, "TransactionType"],
    ["a CallBackURL with a trailing space", { CallBackURL: "https://pay.example.co.ke/cb " }, "CallBackURL"],
    ["a CallBackURL with an uppercase host", { CallBackURL: "https://PAY.example.co.ke/cb" }, "CallBackURL"],
    ["a missing AccountReference", { AccountReference: undefined }, "AccountReference"],
  ])("refuses %s with 400.002.02", async (_label, overrides, field) => {
    const res = await push(overrides);
    expect(res).toEqual({ status: 400, body: { requestId: REQUEST_ID, errorCode: "400.002.02", errorMessage: `Bad Request - Invalid ${field}` } });
    expect(sim.pushes()).toHaveLength(0);
  });

  it("refuses a wrong Password with HTTP 500 Wrong credentials", async () => {
    const body = stkPushBody();
    const other = darajaTimestamp(new Date(Date.now() - 60_000));
    // Right passkey, but built from another Timestamp than the one sent.
    const res = await push({ Password: stkPassword(SANDBOX_SHORTCODE, SANDBOX_PASSKEY, other), Timestamp: body.Timestamp });
    expect(res).toEqual({ status: 500, body: { requestId: REQUEST_ID, errorCode: "500.001.1001", errorMessage: "Wrong credentials" } });
  });

  it("refuses an unknown shortcode with Merchant does not exist", async () => {
    const ts = darajaTimestamp();
    const res = await push({ BusinessShortCode: "600000", PartyB: "600000", Timestamp: ts, Password: stkPassword("600000", SANDBOX_PASSKEY, ts) });
    expect(res).toEqual({ status: 500, body: { requestId: REQUEST_ID, errorCode: "500.001.1001", errorMessage: "Merchant does not exist" } });
  });

  it("reads a body without Content-Type: application/json as empty, as Daraja does", async () => {
    const res = await fetch(pushUrl, { method: "POST", headers: { Authorization: `Bearer ${token}`, "Content-Type": "text/plain" }, body: JSON.stringify(stkPushBody()) });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ errorCode: "400.002.02", errorMessage: "Bad Request - Invalid BusinessShortCode" });
  });

  it("answers GET with 405.001 and unknown paths with 404s", async () => {
    const get = await fetch(pushUrl, { headers: { Authorization: `Bearer ${token}` } });
    expect(get.status).toBe(405);
    expect(await get.json()).toEqual({ requestId: REQUEST_ID, errorCode: "405.001", errorMessage: "Method Not Allowed" });
    const wrongVersion = await fetch(`${sim.url}/mpesa/stkpush/v2/processrequest`, { method: "POST" });
    expect(wrongVersion.status).toBe(404);
    expect(await wrongVersion.json()).toMatchObject({ errorCode: "404.001.01" });
    const elsewhere = await fetch(`${sim.url}/nothing/here`);
    expect(elsewhere.status).toBe(404);
    expect(await elsewhere.json()).toEqual({
      fault: { faultstring: expect.stringContaining("Unable to identify proxy for host"), detail: { errorcode: "messaging.adaptors.http.flow.ApplicationNotFound" } },
    });
  });

  it("records refused pushes for introspection", async () => {
    await push({ Amount: 0 });
    const listed = (await (await fetch(`${sim.url}/__sim/pushes`)).json()) as { pushes: unknown[]; refused: unknown[] };
    expect(listed.pushes).toEqual([]);
    expect(listed.refused).toEqual([expect.objectContaining({ errorCode: "400.002.02", errorMessage: "Bad Request - Invalid Amount", httpStatus: 400 })]);
  });

  it("answers the system-busy number with HTTP 500 500.003.02 and creates nothing", async () => {
    const phone = scenarioPhone("system-busy");
    const res = await push({ PhoneNumber: phone, PartyA: phone });
    expect(res).toEqual({ status: 500, body: { requestId: REQUEST_ID, errorCode: "500.003.02", errorMessage: "System is busy" } });
    expect(sim.pushes()).toHaveLength(0);
  });

  it("never answers the push-hangs number, yet the payment goes through", async () => {
    const phone = scenarioPhone("push-hangs");
    const outcome = await push({ PhoneNumber: phone, PartyA: phone, AccountReference: "HANG1" }).then(
      () => "answered",
      () => "no answer",
    );
    expect(outcome).toBe("no answer");
    const hung = sim.pushes()[0];
    expect(hung).toMatchObject({ scenario: "push-hangs", request: { phoneNumber: phone } });
    const [callback] = await receiver.waitFor(hung?.checkoutRequestId ?? "");
    expect(callback?.json).toMatchObject({ Body: { stkCallback: { ResultCode: 0 } } });
  });

  describe("Buy Goods", () => {
    const buyGoods = (partyB: string, type = "CustomerBuyGoodsOnline") => {
      const ts = darajaTimestamp();
      return push({ BusinessShortCode: STORE, PartyB: partyB, TransactionType: type, Timestamp: ts, Password: stkPassword(STORE, STORE_PASSKEY, ts) });
    };

    it("succeeds when PartyB is the store's till", async () => {
      const res = await buyGoods(TILL);
      expect(res.status).toBe(200);
      const [callback] = await receiver.waitFor(String(res.body.CheckoutRequestID));
      expect(callback?.json).toMatchObject({ Body: { stkCallback: { ResultCode: 0 } } });
      expect(callback?.headers.businessshortcode).toBe(STORE);
    });

    it("accepts, then fails with SFC_IC0003 when PartyB is not the store's till", async () => {
      const res = await buyGoods("5999999");
      expect(res.status).toBe(200);
      const [callback] = await receiver.waitFor(String(res.body.CheckoutRequestID));
      expect(callback?.json).toMatchObject({ Body: { stkCallback: { ResultCode: "SFC_IC0003", ResultDesc: "The operator does not exist." } } });
    });

    it("accepts, then fails with 2028 for Pay Bill to a store", async () => {
      const res = await buyGoods(STORE, "CustomerPayBillOnline");
      expect(res.status).toBe(200);
      const [callback] = await receiver.waitFor(String(res.body.CheckoutRequestID));
      expect(callback?.json).toMatchObject({ Body: { stkCallback: { ResultCode: 2028 } } });
    });
  });

  it("accepts an AccountReference over 12 characters, sends no prompt and fails with 1025", async () => {
    const res = await push({ AccountReference: "INVOICE-00042", PhoneNumber: "254712000001", PartyA: "254712000001" });
    expect(res.status).toBe(200);
    const [callback] = await receiver.waitFor(String(res.body.CheckoutRequestID));
    expect(callback?.json).toMatchObject({ Body: { stkCallback: { ResultCode: 1025 } } });
    const page = await (await fetch(`${sim.url}/phone/254712000001`)).text();
    expect(page).toContain("No prompts on this phone yet");
  });

  it("delivers to callbackOrigin with the CallBackURL's path when one is configured", async () => {
    const routed = await startSimulator({ port: 0, seed: "stk-push-origin", callbackDelayMs: 10, callbackOrigin: `${receiver.url}/ignored-path` });
    try {
      const res = await postJson(`${routed.url}/mpesa/stkpush/v1/processrequest`, await getToken(routed.url),
        stkPushBody({ CallBackURL: "https://pay.unreachable.invalid/api/callbacks/stk/tok_123?x=1" }));
      expect(res.status).toBe(200);
      const [callback] = await receiver.waitFor(String(res.body.CheckoutRequestID));
      expect(callback?.path).toBe("/api/callbacks/stk/tok_123?x=1");
    } finally {
      await routed.close();
    }
  });
});
