import { describe, expect, it } from "vitest";
import { refundRecipient } from "@/lib/refunds/refund-recipient";

const phone = "254708374149";

describe("refundRecipient", () => {
  it("pays the payment's own number when M-Pesa reported none or the same one, in full, masked or hashed", () => {
    expect(refundRecipient({ phone, mpesaPhone: null, phoneMismatch: false })).toBe(phone);
    expect(refundRecipient({ phone, mpesaPhone: "254708374149", phoneMismatch: false })).toBe(phone);
    expect(refundRecipient({ phone, mpesaPhone: "2547****4149", phoneMismatch: false })).toBe(phone);
    // A payment a C2B confirmation settled keeps Daraja's "2547 ***** 149" in its display form.
    expect(refundRecipient({ phone, mpesaPhone: "2547****149", phoneMismatch: false })).toBe(phone);
  });

  it("refuses when another number paid, the payment is flagged so, or the number cannot be read", () => {
    expect(refundRecipient({ phone, mpesaPhone: "254711000111", phoneMismatch: false })).toBeNull();
    expect(refundRecipient({ phone, mpesaPhone: "2547****0111", phoneMismatch: false })).toBeNull();
    expect(refundRecipient({ phone, mpesaPhone: null, phoneMismatch: true })).toBeNull();
    expect(refundRecipient({ phone, mpesaPhone: "************", phoneMismatch: false })).toBeNull();
  });
});
