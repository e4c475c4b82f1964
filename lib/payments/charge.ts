import type { Mode } from "@/lib/generated/prisma/client";

/**
 * What the core needs from a rail to charge a customer, in its own words: the port that
 * lib/rails/rail.ts's Rail implements. The core imports no rail; whoever starts a payment (the API)
 * picks the rail through the seam's registry and hands it to createPayment.
 */

export interface ChargeRequest {
  paymentId: string;
  mode: Mode;
  /** In the currency's minor unit as the rail counts it (whole shillings for M-Pesa Kenya). */
  amount: number;
  /** Normalised by the rail's own phone rules before the payment was made. */
  phone: string;
  reference: string;
  description?: string;
}

/** A refused or failed charge, as every rail's error type (lib/rails/rail-error.ts) describes it. */
export interface ChargeFailure {
  kind: "permanent" | "retryable" | "unknown_outcome" | "configuration";
  message: string;
  httpStatus: number | null;
  errorCode: string | null;
  errorMessage: string | null;
  field: string | null;
}

export type ChargeOutcome =
  /** The provider took the request; its ids match the callback and the status query to it. */
  | { kind: "accepted"; checkoutRequestId: string; merchantRequestId: string }
  /** Refused for good: no prompt exists. */
  | { kind: "rejected"; error: ChargeFailure }
  /** Nothing reached the provider (rate limit, unreachable): no prompt exists, try again later. */
  | { kind: "retryable"; error: ChargeFailure }
  /** The prompt may be on the phone (a timeout after sending): a callback, a query or the deadline settles it. */
  | { kind: "unknown"; reason: string };

export interface ChargeRail {
  /** A new payment id the rail's callback URL can carry (some providers refuse some words in URLs). */
  newPaymentId(mode: Mode): string;
  /** Starts the charge once; never retried here, never throws for the provider's answers. */
  startCharge(request: ChargeRequest): Promise<ChargeOutcome>;
  /**
   * The reference a status query takes for a payment when the rail can name it without the push's
   * answer (Vodacom: the conversation id derived from the payment id), so a push whose outcome is
   * unknown can still be asked about; null (or absent) when only the answer carries it (Daraja).
   */
  statusReferenceFor?(paymentId: string): string | null;
}
