import { describe, expect, it } from "vitest";
import { chooseRefundMethod } from "@/lib/refunds/choose-refund-method";

describe("chooseRefundMethod", () => {
  it("gives the whole payment back by Reversal, with or without a B2C shortcode", () => {
    expect(chooseRefundMethod({ amount: 500, paid: 500, b2cShortcode: null })).toBe("reversal");
    expect(chooseRefundMethod({ amount: 500, paid: 500, b2cShortcode: "600000" })).toBe("reversal");
  });

  it("pays a part by B2C when the account has a B2C shortcode", () => {
    expect(chooseRefundMethod({ amount: 10, paid: 500, b2cShortcode: "600000" })).toBe("b2c");
    expect(chooseRefundMethod({ amount: 499, paid: 500, b2cShortcode: "600000" })).toBe("b2c");
  });

  it("refuses a part without a B2C shortcode, or below B2C's minimum, saying what would work", () => {
    expect(() => chooseRefundMethod({ amount: 200, paid: 500, b2cShortcode: null })).toThrow(expect.objectContaining({ code: "validation_failed", param: "amount", message: expect.stringContaining("no B2C shortcode") }));
    expect(() => chooseRefundMethod({ amount: 9, paid: 500, b2cShortcode: "600000" })).toThrow(expect.objectContaining({ code: "validation_failed", param: "amount", message: expect.stringContaining("at least KES 10") }));
  });
});
