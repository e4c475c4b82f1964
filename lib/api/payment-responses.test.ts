import { describe, expect, it } from "vitest";
import { paymentResponse } from "@/lib/api/payment-responses";
import type { Payment } from "@/lib/generated/prisma/client";

const payment = (extra: Partial<Payment>): Payment => ({
  id: "pay_r", storefrontId: "sf", mode: "TEST", status: "PENDING", amount: 10, currency: "KES", phone: "254712345678", reference: "R",
  description: null, metadata: null, merchantRequestId: null, checkoutRequestId: null, mpesaReceipt: null, resultCode: null, resultDesc: null,
  failureCode: null, failureMessage: null, mpesaAmount: null, mpesaPhone: null, transactionDate: null, reviewReason: null, outcomeUnknown: false, phoneMismatch: false,
  receiptMissing: false, late: false, queryCount: 0, lastQueriedAt: null, nextQueryAt: null, queryLeaseUntil: null, createdAt: new Date(0), updatedAt: new Date(0),
  acceptedAt: null, completedAt: null, expiresAt: new Date(0), collectionAccountId: null, ledgerMissingAt: null, refundedAmount: 0, ...extra,
});

describe("paymentResponse", () => {
  it("rebuilds the creation answer from the payment alone", () => {
    expect(paymentResponse(payment({ status: "PENDING" }))).toMatchObject({ status: 201, body: { id: "pay_r", status: "pending" } });
    expect(paymentResponse(payment({ status: "INITIATING", outcomeUnknown: true }))).toMatchObject({ status: 202, body: { status: "initiating" } });
    expect(paymentResponse(payment({ status: "FAILED", failureCode: "wrong_pin" }))).toMatchObject({ status: 201, body: { status: "failed" } });
    expect(paymentResponse(payment({ status: "FAILED", failureCode: "mpesa_rejected", failureMessage: "M-Pesa refused it" }))).toEqual({
      status: 402,
      body: { error: { type: "mpesa_error", code: "mpesa_rejected", message: "M-Pesa refused it", payment_id: "pay_r", payment: expect.objectContaining({ id: "pay_r", status: "failed" }) } },
    });
    expect(paymentResponse(payment({ status: "FAILED", failureCode: "mpesa_unavailable", failureMessage: "busy" }))).toMatchObject({
      status: 503, body: { error: { code: "mpesa_unavailable", payment_id: "pay_r" } },
    });
  });
});
