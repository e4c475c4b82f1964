import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { VODACOM_MARKETS } from "./markets";
import {
  checkAmount, checkConversationId, checkPurchasedItemsDesc, checkQueryReference, checkTransactionId, checkTransactionReference,
} from "./validation";

const TZN = VODACOM_MARKETS.TZN;

describe("checkTransactionReference", () => {
  it("accepts 1 to 20 characters of letters, digits, single spaces and - _ . / #", () => {
    for (const ok of ["T", "T1234C", "INV-2025/07#12", "Order 42", "A".repeat(20)]) expect(checkTransactionReference(ok)).toEqual({ ok: true, value: ok });
  });

  it("refuses surrounding spaces instead of trimming them (they come back as INS-1)", () => {
    for (const bad of [" T1234C", "T1234C ", "\tT1", "T1\n"]) {
      expect(checkTransactionReference(bad)).toEqual({ ok: false, message: "Transaction reference must not start or end with spaces (M-Pesa answers INS-1)" });
    }
  });

  it.each([
    ["", "must not be empty"],
    ["  ", "must not be empty"],
    ["A".repeat(21), "at most 20 characters"],
    ["Order  42", "may only contain"],
    ["Café", "may only contain"],
    ["a<b>", "may only contain"],
  ])("refuses %j (%s)", (input, message) => {
    expect(checkTransactionReference(input)).toEqual({ ok: false, message: expect.stringContaining(message) });
  });

  it("refuses what is not text", () => {
    expect(checkTransactionReference(42)).toEqual({ ok: false, message: "Transaction reference is required" });
  });
});

describe("checkConversationId", () => {
  it("accepts Vodacom's character class within 40 characters", () => {
    for (const ok of ["asv02e5958774f7ba228d83d0d689761", "a_b+c d", "x".repeat(40)]) expect(checkConversationId(ok).ok).toBe(true);
    for (const bad of ["", " a", "a ", "x".repeat(41), "a-b", "a/b"]) expect(checkConversationId(bad).ok).toBe(false);
  });
});

describe("checkPurchasedItemsDesc", () => {
  it("accepts 1 to 256 characters, counting characters rather than bytes", () => {
    expect(checkPurchasedItemsDesc("Shoes")).toEqual({ ok: true, value: "Shoes" });
    expect(checkPurchasedItemsDesc("é".repeat(256)).ok).toBe(true);
    expect(checkPurchasedItemsDesc("é".repeat(257))).toEqual({ ok: false, message: "Description must be at most 256 characters" });
  });

  it("refuses empty text, surrounding spaces and control characters", () => {
    expect(checkPurchasedItemsDesc("")).toEqual({ ok: false, message: "Description must not be empty" });
    expect(checkPurchasedItemsDesc(" Shoes")).toEqual({ ok: false, message: "Description must not start or end with spaces" });
    expect(checkPurchasedItemsDesc("Two\nlines")).toEqual({ ok: false, message: "Description must not contain line breaks or control characters" });
    expect(checkPurchasedItemsDesc(undefined)).toEqual({ ok: false, message: "Description must be text" });
  });
});

describe("checkAmount", () => {
  it("accepts positive whole shillings up to the account's limit", () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 5_000_000 }), (amount) => {
      expect(checkAmount(amount, TZN, 5_000_000)).toEqual({ ok: true, value: amount });
    }));
  });

  it("refuses fractions of a shilling, zero, negatives, non-numbers and amounts over the limit", () => {
    expect(checkAmount(10.5, TZN, null)).toEqual({ ok: false, message: "Amount must be a whole number of TZS (M-Pesa has no cents there)" });
    expect(checkAmount(0, TZN, null)).toEqual({ ok: false, message: "Amount must be at least 1 TZS" });
    expect(checkAmount(-5, TZN, null).ok).toBe(false);
    expect(checkAmount("1000", TZN, null)).toEqual({ ok: false, message: "Amount must be a whole number of TZS" });
    expect(checkAmount(Number.NaN, TZN, null).ok).toBe(false);
    expect(checkAmount(Number.POSITIVE_INFINITY, TZN, null).ok).toBe(false);
    expect(checkAmount(2 ** 60, TZN, null)).toEqual({ ok: false, message: "Amount is too large" });
    expect(checkAmount(5_000_001, TZN, 5_000_000)).toEqual({ ok: false, message: "Amount must be at most 5,000,000 (the limit configured for this M-Pesa account)" });
  });

  it("speaks of minor units where the currency has them", () => {
    expect(checkAmount(10.5, VODACOM_MARKETS.GHA, null)).toEqual({ ok: false, message: "Amount must be a whole number of GHS minor units" });
  });
});

describe("query references and transaction ids", () => {
  it("follow Vodacom's patterns", () => {
    for (const ok of ["000000000001", "G27DEn1DLoQ3", "a".repeat(32), "4C123GE3"]) expect(checkQueryReference(ok).ok).toBe(true);
    for (const bad of ["", "a".repeat(33), "with space", "pay_123", 12]) expect(checkQueryReference(bad).ok).toBe(false);
    for (const ok of ["0000000000001", "G27DEn1DLoQ3"]) expect(checkTransactionId(ok).ok).toBe(true);
    for (const bad of ["", "a".repeat(21), "G27-DEn", null]) expect(checkTransactionId(bad).ok).toBe(false);
  });
});
