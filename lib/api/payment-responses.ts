import { AppError } from "@/lib/errors";
import type { Payment } from "@/lib/generated/prisma/client";
import type { StoredResponse } from "@/lib/api/idempotency";
import type { CreatePaymentResult } from "@/lib/payments/create-payment";
import { serializePayment } from "@/lib/payments/serialize-payment";

// failure_code values that mean "no prompt was sent", and the error each one is answered with.
const PUSH_NOT_MADE = { mpesa_rejected: "mpesa_rejected", mpesa_unavailable: "mpesa_unavailable" } as const;

/** What POST /api/v1/payments answers for a creation outcome. */
export function creationResponse(result: CreatePaymentResult): StoredResponse {
  return paymentResponse(result.payment);
}

/**
 * The answer for a payment as it stands, so a lost answer can be rebuilt from the payment alone:
 * 402 mpesa_rejected or 503 mpesa_unavailable (with the payment) when no prompt was sent; 202 while
 * the push's outcome is unknown (INITIATING); 201 otherwise, whatever state it reached meanwhile.
 */
export function paymentResponse(payment: Payment): StoredResponse {
  const code = payment.status === "FAILED" && payment.failureCode && Object.hasOwn(PUSH_NOT_MADE, payment.failureCode)
    ? PUSH_NOT_MADE[payment.failureCode as keyof typeof PUSH_NOT_MADE]
    : null;
  if (code) {
    const error = new AppError(code, payment.failureMessage ?? "M-Pesa did not take the payment request");
    return { status: error.status, body: { error: { ...error.toBody().error, payment_id: payment.id, payment: serializePayment(payment) } } };
  }
  return { status: payment.status === "INITIATING" ? 202 : 201, body: serializePayment(payment) };
}

export function jsonResponse(response: StoredResponse, headers: Record<string, string> = {}): Response {
  return Response.json(response.body, { status: response.status, headers });
}
