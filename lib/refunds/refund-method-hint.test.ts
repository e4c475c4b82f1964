import { describe, expect, it } from "vitest";
import { refundMethodHint } from "@/lib/refunds/refund-method-hint";

describe("refundMethodHint", () => {
  it("says the whole payment goes by Reversal and a part by B2C when the account has a B2C shortcode", () => {
    expect(refundMethodHint({ paid: 500, refundable: 500, b2cShortcode: "600000" })).toMatch(/^The whole KES 500 goes back by Reversal\. A part \(at least KES 10\) is paid by B2C from 600000/);
    expect(refundMethodHint({ paid: 500, refundable: 300, b2cShortcode: "600000" })).toMatch(/^Refunds from here are parts, by B2C\./);
  });

  it("says a part cannot be refunded without a B2C shortcode", () => {
    expect(refundMethodHint({ paid: 500, refundable: 500, b2cShortcode: null })).toContain("no B2C shortcode, so a part cannot be refunded");
    expect(refundMethodHint({ paid: 500, refundable: 300, b2cShortcode: null })).toContain("cannot be paid back from here");
  });
});
