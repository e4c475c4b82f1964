import { describe, expect, it } from "vitest";
import { stkPushBody } from "./test-support";
import { amountOf, isCallbackUrl, msisdn, timestampOf, validateStkPush, validateStkQuery } from "./validate-stk";

const failedField = (overrides: Record<string, unknown>) => {
  const checked = validateStkPush(stkPushBody(overrides));
  return checked.ok ? null : checked.field;
};

describe("validateStkPush", () => {
  it("accepts a correct body with numbers or strings and normalises to strings", () => {
    const checked = validateStkPush(stkPushBody({ BusinessShortCode: 174379, PartyA: 254708374149, PhoneNumber: 254708374149, Amount: "100" }));
    expect(checked).toMatchObject({ ok: true, value: { businessShortCode: "174379", phoneNumber: "254708374149", partyA: "254708374149", amount: 100 } });
  });

  it.each([
    [{ BusinessShortCode: "17437" + "999" }, "BusinessShortCode"],
    [{ BusinessShortCode: undefined }, "BusinessShortCode"],
    [{ Password: "" }, "Password"],
    [{ Timestamp: "2025031415301" }, "Timestamp"],
    [{ Timestamp: "20250231153012" }, "Timestamp"],
    [{ Timestamp: "2025-03-14 15:30" }, "Timestamp"],
    [{ TransactionType: "CustomerPaybillOnline" }, "TransactionType"],
    [{ Amount: 1.5 }, "Amount"],
    [{ Amount: "1.00" }, "Amount"],
    [{ Amount: 0 }, "Amount"],
    [{ Amount: 250_001 }, "Amount"],
    [{ Amount: -5 }, "Amount"],
    [{ PhoneNumber: "0708374149", PartyA: "0708374149" }, "PhoneNumber"],
    [{ PhoneNumber: "+254708374149" }, "PhoneNumber"],
    [{ PhoneNumber: "254208374149" }, "PhoneNumber"],
    [{ PartyA: "0708374149" }, "PartyA"],
    [{ PartyB: "12" }, "PartyB"],
    [{ CallBackURL: " https://pay.example.co.ke/cb" }, "CallBackURL"],
    [{ CallBackURL: "ftp://pay.example.co.ke/cb" }, "CallBackURL"],
    [{ CallBackURL: "https://Pay.Example.co.ke/cb" }, "CallBackURL"],
    [{ CallBackURL: "not a url" }, "CallBackURL"],
    [{ AccountReference: "" }, "AccountReference"],
    [{ TransactionDesc: 42 }, "TransactionDesc"],
  ])("refuses %o as Invalid %s", (overrides, field) => {
    expect(failedField(overrides)).toBe(field);
  });

  it.each([[{ Amount: 250_000 }], [{ Amount: 1 }], [{ TransactionDesc: undefined }], [{ PhoneNumber: "254110000001", PartyA: "254110000001" }],
    [{ CallBackURL: "https://pay.example.co.ke/callbacks/mpesa/9f2c71?x=1" }], [{ Timestamp: 20250314153012 }]])("accepts %o", (overrides) => {
    expect(failedField(overrides)).toBeNull();
  });
});

describe("field helpers", () => {
  it("reads amounts as whole shillings only", () => {
    expect(amountOf(1)).toBe(1);
    expect(amountOf("250000")).toBe(250000);
    expect(amountOf("1e3")).toBeNull();
    expect(amountOf(true)).toBeNull();
  });

  it("accepts only 2547/2541 MSISDNs of 12 digits", () => {
    expect(msisdn(254712345678)).toBe("254712345678");
    expect(msisdn("25471234567")).toBeNull();
    expect(msisdn("254712345678 ")).toBeNull();
  });

  it("checks timestamps are real dates", () => {
    expect(timestampOf("20240229235959")).toBe("20240229235959");
    expect(timestampOf("20230229000000")).toBeNull();
    expect(timestampOf("20250314246000")).toBeNull();
  });

  it("accepts localhost callback URLs over http", () => {
    expect(isCallbackUrl("http://127.0.0.1:3000/api/callbacks/stk/abc")).toBe(true);
    expect(isCallbackUrl("http://localhost/cb")).toBe(true);
  });
});

describe("validateStkQuery", () => {
  it("needs a CheckoutRequestID", () => {
    const body = { ...stkPushBody(), CheckoutRequestID: "" };
    expect(validateStkQuery(body)).toEqual({ ok: false, field: "CheckoutRequestID" });
    expect(validateStkQuery({ ...body, CheckoutRequestID: "ws_CO_1" })).toMatchObject({ ok: true, value: { checkoutRequestId: "ws_CO_1" } });
  });
});
