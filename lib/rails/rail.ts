import type { Env } from "@/lib/env";
import type { Mode } from "@/lib/generated/prisma/client";
import type { ChargeRail } from "@/lib/payments/charge";
import type { Observation, ObservationEvidence } from "@/lib/payments/observation";
import type { QueryAnswer } from "@/lib/payments/record-query-answer";
import { darajaStkRailFor } from "@/lib/rails/daraja/stk-rail";
import { vodacomC2bRailFor } from "@/lib/rails/vodacom/c2b-rail";

/**
 * The rail seam: what a payment provider does for the core, whatever its API. A rail starts a
 * charge (ChargeRail, the core's port), asks what became of one, turns its callbacks into
 * observations (lib/payments/observation.ts) with the ids that match them, names its result codes,
 * builds its callback URL, and says its currency and phone rules. Daraja STK Push (M-Pesa Kenya)
 * is the first, Vodacom's M-Pesa OpenAPI C2B (M-Pesa Tanzania) the second; a new provider is a
 * folder under lib/rails/ and one line in RAILS below. Daraja's C2B is a channel of the Daraja rail,
 * not a rail of its own.
 */

export const RAIL_KINDS = ["daraja_stk", "vodacom_c2b"] as const;
export type RailKind = (typeof RAIL_KINDS)[number];

/** A callback read by its rail: what it says happened, and the provider's ids to match it by. */
export type RailCallback =
  | { ok: true; observation: Observation; match: { checkoutRequestId: string; merchantRequestId: string } }
  /** Not a final result the rail can read: stored as invalid with the reason. */
  | { ok: false; reason: string };

export interface Rail extends ChargeRail {
  readonly kind: RailKind;
  /** ISO 4217 code of the amounts it takes and reports. */
  readonly currency: string;
  /** Asks the provider about a charge by its reference (for Daraja, the CheckoutRequestID). */
  askStatus(providerReference: string): Promise<QueryAnswer>;
  /**
   * The reference askStatus takes for a payment, when the rail can name it without the push's
   * answer (Vodacom: our conversation id, derived from the payment id), so a push whose answer was
   * lost can still be asked about; null when only the answer carries it (Daraja's CheckoutRequestID).
   */
  statusReferenceFor(paymentId: string): string | null;
  /** Reads a callback body as delivered. */
  readCallback(body: unknown, evidence: ObservationEvidence): RailCallback;
  /** A result code in words for finance staff ("Unrecognised code …" when the rail does not know it). */
  describeResultCode(code: string): string;
  /** The customer's number in the rail's canonical form, or null when it cannot take it. */
  normalisePhone(input: string): string | null;
  /** Where the provider must send this payment's callback. */
  callbackUrl(paymentId: string, mode: Mode): string;
}

/** Builds a kind's rail for a mode from the settings; null when that mode is not configured. */
type RailFactory = (env: Env, mode: Mode) => Rail | null;

const RAILS: Readonly<Record<RailKind, RailFactory>> = {
  daraja_stk: darajaStkRailFor,
  vodacom_c2b: vodacomC2bRailFor,
};

/**
 * The rail of a kind (Daraja STK unless it says otherwise) over the environment's settings for a
 * mode: the environment's bootstrap account. Payments reach their provider through their collection
 * account instead (lib/collection-accounts/payment-rail.ts), which builds the same rail over that
 * account's client. Null when the mode has no provider configured.
 */
export function railForPayment(env: Env, payment: { mode: Mode; rail?: RailKind }): Rail | null {
  return RAILS[payment.rail ?? "daraja_stk"](env, payment.mode);
}
