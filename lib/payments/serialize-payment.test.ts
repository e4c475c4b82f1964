import { describe, expect, it } from "vitest";
import type { Payment } from "@/lib/generated/prisma/client";
import { failureCodeFor } from "@/lib/rails/daraja/failure-codes";
import { publicPaymentSchema } from "@/lib/payments/public-payment";
import { serializePayment } from "@/lib/payments/serialize-payment";

const base: Payment = {
  id: "pay_1", storefrontId: "sf_1", mode: "LIVE", status: "SUCCEEDED", amount: 150, currency: "KES", phone: "254712345678",
  reference: "INV-1", description: "Shoes", metadata: { order: 7 }, merchantRequestId: "m-1", checkoutRequestId: "ws_CO_1",
  mpesaReceipt: "UKT1ABCDEF", resultCode: "0", resultDesc: "ok", failureCode: null, failureMessage: null, mpesaAmount: 150,
  mpesaPhone: "254712345678", transactionDate: new Date("2026-03-01T10:00:00Z"), reviewReason: "internal only", outcomeUnknown: false, phoneMismatch: false,
  receiptMissing: false, late: true, queryCount: 2, lastQueriedAt: null, nextQueryAt: null, queryLeaseUntil: null,
  createdAt: new Date("2026-03-01T09:59:00Z"), updatedAt: new Date("2026-03-01T10:00:01Z"), acceptedAt: new Date("2026-03-01T09:59:01Z"),
  completedAt: new Date("2026-03-01T10:00:01Z"), expiresAt: new Date("2026-03-01T10:14:00Z"), collectionAccountId: null, ledgerMissingAt: null, refundedAmount: 0,
};

describe("serializePayment", () => {
  it("is the public, snake_case payment object, without internal fields", () => {
    const out = serializePayment(base);
    expect(out).toEqual({
      id: "pay_1", object: "payment", status: "succeeded", amount: 150, currency: "KES", amount_refunded: 0, refunded: false, phone: "254712345678", reference: "INV-1",
      description: "Shoes", metadata: { order: 7 }, mode: "live", livemode: true, checkout_request_id: "ws_CO_1", merchant_request_id: "m-1",
      mpesa_receipt: "UKT1ABCDEF", result_code: "0", failure_code: null, failure_message: null, receipt_missing: false, late: true,
      created_at: "2026-03-01T09:59:00.000Z", accepted_at: "2026-03-01T09:59:01.000Z", completed_at: "2026-03-01T10:00:01.000Z",
      expires_at: "2026-03-01T10:14:00.000Z",
    });
    expect(publicPaymentSchema.strict().parse(out)).toEqual(out);
    expect(JSON.stringify(out)).not.toContain("internal only");
  });

  it("says what was refunded: a part leaves `refunded` false, the whole sets it", () => {
    expect(serializePayment({ ...base, refundedAmount: 50 })).toMatchObject({ amount: 150, amount_refunded: 50, refunded: false });
    expect(serializePayment({ ...base, refundedAmount: 150 })).toMatchObject({ amount_refunded: 150, refunded: true });
  });

  it("shows a fresh test payment with empty metadata and null timestamps", () => {
    const out = serializePayment({ ...base, mode: "TEST", status: "INITIATING", metadata: null, acceptedAt: null, completedAt: null, checkoutRequestId: null });
    expect(out).toMatchObject({ status: "initiating", mode: "test", livemode: false, metadata: {}, accepted_at: null, completed_at: null, checkout_request_id: null });
  });
});

describe("failureCodeFor", () => {
  it("maps result codes to stable slugs, unknown ones to mpesa_failed", () => {
    expect(failureCodeFor("1032")).toBe("cancelled_by_customer");
    expect(failureCodeFor("2001")).toBe("wrong_pin");
    expect(failureCodeFor("1037")).toBe("no_response");
    expect(failureCodeFor("SFC_IC0003")).toBe("merchant_misconfigured");
    expect(failureCodeFor("constructor")).toBe("mpesa_failed");
    expect(failureCodeFor("12345")).toBe("mpesa_failed");
  });
});
