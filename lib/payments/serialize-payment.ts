import type { Payment } from "@/lib/generated/prisma/client";
import type { PublicPayment, PublicPaymentMetadata, PublicStatus } from "@/lib/payments/public-payment";

/**
 * The payment as storefronts see it (API answers and webhook events): snake_case, lower-case
 * status, ISO timestamps. Internal fields (review reason, query bookkeeping) stay out.
 */
export function serializePayment(payment: Payment): PublicPayment {
  return {
    id: payment.id,
    object: "payment",
    status: payment.status.toLowerCase() as PublicStatus,
    amount: payment.amount,
    currency: payment.currency,
    amount_refunded: payment.refundedAmount,
    refunded: payment.refundedAmount > 0 && payment.refundedAmount >= payment.amount,
    phone: payment.phone,
    reference: payment.reference,
    description: payment.description,
    metadata: (payment.metadata as PublicPaymentMetadata | null) ?? {},
    mode: payment.mode === "LIVE" ? "live" : "test",
    livemode: payment.mode === "LIVE",
    checkout_request_id: payment.checkoutRequestId,
    merchant_request_id: payment.merchantRequestId,
    mpesa_receipt: payment.mpesaReceipt,
    result_code: payment.resultCode,
    failure_code: payment.failureCode,
    failure_message: payment.failureMessage,
    receipt_missing: payment.receiptMissing,
    late: payment.late,
    created_at: payment.createdAt.toISOString(),
    accepted_at: payment.acceptedAt?.toISOString() ?? null,
    completed_at: payment.completedAt?.toISOString() ?? null,
    expires_at: payment.expiresAt.toISOString(),
  };
}
