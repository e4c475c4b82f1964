import { describe, expect, it } from "vitest";
import { accountReferenceSchema, amountSchema, callbackUrlSchema, stkPushInputSchema, transactionDescSchema } from "./limits";

const valid = { amount: 100, phone: "0712 345 678", accountReference: "INV00042", description: "Order 42", callbackUrl: "https://pay.example.co.ke/api/callbacks/stk/abc" };

function firstMessage(result: { success: boolean; error?: { issues: { message: string }[] } }): string | undefined {
  return result.success ? undefined : result.error?.issues[0]?.message;
}

describe("amountSchema", () => {
  it.each([1, 250_000, 4242])("accepts %d", (amount) => {
    expect(amountSchema.parse(amount)).toBe(amount);
  });

  it.each([
    [0, "at least KES 1"],
    [-5, "at least KES 1"],
    [250_001, "at most KES 250,000"],
    [10.5, "whole number"],
    [Number.NaN, "number"],
    [Number.POSITIVE_INFINITY, "number of Kenya shillings"],
  ])("rejects %d (%s)", (amount, message) => {
    expect(firstMessage(amountSchema.safeParse(amount))).toContain(message);
  });

  it("rejects numeric strings: callers convert deliberately", () => {
    expect(amountSchema.safeParse("100").success).toBe(false);
  });
});

describe("accountReferenceSchema", () => {
  it.each(["INV00042", "ORD-42/A", "a.b_c#1:2", "Shop 12", "123456789012"])("accepts %j", (ref) => {
    expect(accountReferenceSchema.parse(ref)).toBe(ref);
  });

  it("trims surrounding spaces", () => {
    expect(accountReferenceSchema.parse("  INV1 ")).toBe("INV1");
  });

  it.each([
    ["", "required"],
    ["   ", "required"],
    ["1234567890123", "at most 12 characters"],
    ["INV<42>", "may only contain"],
    ['say "hi"', "may only contain"],
    ["two  spaces", "may only contain"],
    ["tab\there", "may only contain"],
    ["café", "may only contain"],
  ])("rejects %j (%s)", (ref, message) => {
    expect(firstMessage(accountReferenceSchema.safeParse(ref))).toContain(message);
  });
});

describe("transactionDescSchema", () => {
  it("accepts up to 13 characters", () => {
    expect(transactionDescSchema.parse("Order 1234567")).toBe("Order 1234567");
  });

  it("rejects 14 characters", () => {
    expect(firstMessage(transactionDescSchema.safeParse("Order 12345678"))).toContain("at most 13 characters");
  });
});

describe("callbackUrlSchema", () => {
  it.each(["https://pay.example.co.ke/api/callbacks/stk/abc", "http://127.0.0.1:3000/api/callbacks/stk/x"])("accepts %s", (url) => {
    expect(callbackUrlSchema.parse(url)).toBe(url);
  });

  it("lowercases the scheme and host but keeps the path's case", () => {
    expect(callbackUrlSchema.parse("HTTPS://Pay.Example.CO.KE:8443/api/callbacks/stk/AbC")).toBe("https://pay.example.co.ke:8443/api/callbacks/stk/AbC");
  });

  it.each([
    ["https://pay.example.co.ke/api/callbacks/stk/abc ", "spaces"],
    ["ftp://example.com/x", "http(s)"],
    ["not a url", "spaces"],
    ["example.com/callback", "http(s)"],
  ])("rejects %j (%s)", (url, message) => {
    expect(firstMessage(callbackUrlSchema.safeParse(url))).toContain(message);
  });
});

describe("stkPushInputSchema", () => {
  it("normalises the phone and keeps the rest", () => {
    expect(stkPushInputSchema.parse(valid)).toEqual({ ...valid, phone: "254712345678" });
  });

  it("makes the description optional", () => {
    const { description: _description, ...rest } = valid;
    expect(stkPushInputSchema.parse(rest).description).toBeUndefined();
  });

  it("reports the phone problem in words", () => {
    const result = stkPushInputSchema.safeParse({ ...valid, phone: "0812345678" });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ path: ["phone"], message: expect.stringContaining("not a Kenyan mobile number") });
  });
});
