import { describe, expect, it } from "vitest";
import { classifyInitiatorResult, initiatorResultCodes, type InitiatorProduct } from "./result-codes";

describe("classifyInitiatorResult", () => {
  it.each([
    ["reversal", 0, "succeeded", null],
    ["reversal", "R000001", "failed", "already_reversed"],
    ["reversal", "R000002", "failed", "not_found"],
    ["reversal", "1", "failed", "insufficient_balance"],
    ["b2c", 1, "failed", "insufficient_balance"],
    ["b2c", "2040", "failed", "customer"],
    ["b2c", "SFC_IC0003", "failed", "customer"],
    ["transaction_status", "SFC_IC0003", "failed", "credentials"],
    ["transaction_status", 2032, "failed", "not_found"],
    ["b2c", 2001, "failed", "credentials"],
    ["reversal", "8006", "failed", "credentials_locked"],
    ["b2c", "00", "succeeded", null],
  ] as const)("%s %j is %s (%s)", (product, code, outcome, cause) => {
    expect(classifyInitiatorResult(product, code)).toMatchObject({ outcome, cause, known: true });
  });

  it("marks what is safe to send again", () => {
    expect(classifyInitiatorResult("b2c", 26).retryable).toBe(true);
    expect(classifyInitiatorResult("b2c", 17).retryable).toBe(true);
    expect(classifyInitiatorResult("reversal", "R000001").retryable).toBe(false);
  });

  it("an unknown code is a failure, marked unknown", () => {
    expect(classifyInitiatorResult("reversal", "constructor")).toMatchObject({ outcome: "failed", known: false, code: "constructor", cause: null });
    expect(classifyInitiatorResult("b2c", "")).toMatchObject({ known: false, reason: expect.stringContaining("(empty)") });
  });

  it("lists every code of a product with a meaning", () => {
    for (const product of ["transaction_status", "reversal", "b2c"] satisfies InitiatorProduct[]) {
      const table = initiatorResultCodes(product);
      expect(table["0"]?.outcome).toBe("succeeded");
      for (const info of Object.values(table)) expect(info.reason.length).toBeGreaterThan(10);
    }
  });
});
