import type { Refund } from "@/lib/generated/prisma/client";
import type { PublicRefund } from "@/lib/payments/public-refund";

/** A refund as storefronts see it (lib/payments/public-refund.ts). */
export function serializeRefund(r: Refund): PublicRefund {
  return {
    id: r.id, object: "refund", payment_id: r.paymentId, status: r.status.toLowerCase(), amount: r.amount, currency: r.currency,
    method: r.method === "b2c" ? "b2c" : "reversal", reason: r.reason, requested_via: r.requestedVia === "api" ? "api" : "dashboard", outcome_unknown: r.outcomeUnknown,
    mpesa_receipt: r.mpesaReceipt, failure_code: r.failureCode, failure_message: r.failureReason,
    mode: r.mode === "LIVE" ? "live" : "test", livemode: r.mode === "LIVE", created_at: r.createdAt.toISOString(), completed_at: r.completedAt?.toISOString() ?? null,
  };
}
