import { describe, expect, it } from "vitest";
import { planPush } from "./push-plan";
import { RESULT } from "./result-codes";
import { DEFAULT_SCENARIO, scenarioFor, scenarioPhone } from "./scenarios";
import type { StkPushRequest } from "./types";

const store = { shortcode: "300100", passkey: "pk", tills: ["5123456"], paybill: false };
const paybill = { shortcode: "174379", passkey: "pk", tills: [], paybill: true };
const request = (overrides: Partial<StkPushRequest> = {}): StkPushRequest => ({
  businessShortCode: "174379", password: "x", timestamp: "20250314153012", transactionType: "CustomerPayBillOnline",
  amount: 10, partyA: "254712345678", partyB: "174379", phoneNumber: "254712345678", callBackUrl: "http://127.0.0.1/cb",
  accountReference: "INV1", transactionDesc: null, ...overrides,
});

describe("planPush", () => {
  it("follows the phone number's scenario for a well-formed push", () => {
    const { plan, warnings } = planPush(request(), paybill, scenarioFor(scenarioPhone("triple-callback")));
    expect(plan).toEqual({ result: 0, settlesAfter: "callbackDelay", interactive: false, promptShown: true, callbacks: 3, amountDelta: 0 });
    expect(warnings).toEqual([]);
  });

  it("accepts Buy Goods to a till of the store", () => {
    const buyGoods = request({ businessShortCode: "300100", transactionType: "CustomerBuyGoodsOnline", partyB: "5123456" });
    expect(planPush(buyGoods, store, DEFAULT_SCENARIO).plan).toMatchObject({ result: 0, promptShown: true, interactive: true });
  });

  it("ends Buy Goods to a till of no store with SFC_IC0003, whatever the phone's scenario", () => {
    const wrongTill = request({ businessShortCode: "300100", transactionType: "CustomerBuyGoodsOnline", partyB: "5999999" });
    const { plan, warnings } = planPush(wrongTill, store, scenarioFor(scenarioPhone("pending-forever")));
    expect(plan).toMatchObject({ result: RESULT.OPERATOR_MISSING, promptShown: false, interactive: false, callbacks: 1 });
    expect(warnings[0]).toMatch(/not a till/);
  });

  it("ends Pay Bill to a store or to a till with 2028", () => {
    const toStore = request({ businessShortCode: "300100", partyB: "300100" });
    expect(planPush(toStore, store, DEFAULT_SCENARIO).plan.result).toBe(RESULT.PRODUCT_MISMATCH);
    const toTill = request({ partyB: "5123456" });
    expect(planPush(toTill, paybill, DEFAULT_SCENARIO).plan.result).toBe(RESULT.PRODUCT_MISMATCH);
  });

  it("sends no prompt for an AccountReference over 12 characters and ends it as 1025", () => {
    const { plan } = planPush(request({ accountReference: "ABCDEFGHIJKLM" }), paybill, DEFAULT_SCENARIO);
    expect(plan).toMatchObject({ result: RESULT.PUSH_ERROR, promptShown: false });
    expect(planPush(request({ accountReference: "ABCDEFGHIJKL" }), paybill, DEFAULT_SCENARIO).plan.result).toBe(0);
  });

  it("only warns about a TransactionDesc over 13 characters", () => {
    const { plan, warnings } = planPush(request({ transactionDesc: "Fourteen chars" }), paybill, DEFAULT_SCENARIO);
    expect(plan.result).toBe(0);
    expect(warnings).toEqual(["TransactionDesc is longer than 13 characters"]);
  });
});
