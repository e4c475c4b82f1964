import { AppError } from "@/lib/errors";
import type { Payment } from "@/lib/generated/prisma/client";
import type { StoredResponse } from "@/lib/api/idempotency";
import type { CreatePaymentResult } from "@/lib/payments/create-payment";
import { serializePayment } from "@/lib/payments/serialize-payment";

/**
 * What POST /api/v1/payments answers for each outcome: 201 with the payment once Daraja took the
 * push; 202 while the outcome is unknown; 402 mpesa_rejected or 503 mpesa_unavailable (both with the
 * payment, kept as FAILED) when no prompt was sent.
 */
export function creationResponse(result: CreatePaymentResult): StoredResponse {
  switch (result.kind) {
    case "accepted":
    case "unknown":
      return paymentStateResponse(result.payment);
    case "rejected":
      return errorWithPayment(new AppError("mpesa_rejected", result.message), result.payment);
    case "unavailable":
      return errorWithPayment(new AppError("mpesa_unavailable", result.message), result.payment);
  }
}

/** The payment as it stands: 202 while it is still INITIATING (outcome unknown), 201 otherwise. */
export function paymentStateResponse(payment: Payment): StoredResponse {
  return { status: payment.status === "INITIATING" ? 202 : 201, body: serializePayment(payment) };
}

function errorWithPayment(error: AppError, payment: Payment): StoredResponse {
  const body = error.toBody();
  return { status: error.status, body: { error: { ...body.error, payment_id: payment.id, payment: serializePayment(payment) } } };
}

export function jsonResponse(response: StoredResponse, headers: Record<string, string> = {}): Response {
  return Response.json(response.body, { status: response.status, headers });
}
