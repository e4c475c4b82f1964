import { describe, expect, it } from "vitest";
import { refundRecipient } from "@/lib/refunds/refund-recipient";

describe("refundRecipient", () => {
  it("pays the number M-Pesa says paid, or the payment's own when M-Pesa's is missing or masked", () => {
    expect(refundRecipient({ phone: "254708374149", mpesaPhone: "254711000111" })).toBe("254711000111");
    expect(refundRecipient({ phone: "254708374149", mpesaPhone: null })).toBe("254708374149");
    expect(refundRecipient({ phone: "254708374149", mpesaPhone: "2547****4149" })).toBe("254708374149");
  });
});
