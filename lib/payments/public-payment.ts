import { z } from "zod";
import { ALL_STATUSES } from "@/lib/payments/state";

/**
 * The payment object storefronts see, in API answers and webhook events alike (serialize-payment.ts
 * writes it). Request schemas are the API's (lib/api/payment-schemas.ts); this is the core's answer.
 */

/** The state table's statuses as storefronts spell them (lower case), in the table's order. */
export type PublicStatus = Lowercase<(typeof ALL_STATUSES)[number]>;
export const PUBLIC_STATUSES = ALL_STATUSES.map((s) => s.toLowerCase() as PublicStatus) as [PublicStatus, ...PublicStatus[]];

/** A storefront's own flat metadata, stored as sent. */
export type PublicPaymentMetadata = Record<string, string | number | boolean>;

const nullableString = z.string().nullable();

export const publicPaymentSchema = z.object({
  id: z.string(),
  object: z.literal("payment"),
  status: z.enum(PUBLIC_STATUSES),
  amount: z.number().int(),
  currency: z.string(),
  /** What the payment's succeeded refunds gave back, in the same unit as `amount` (Stripe's name). */
  amount_refunded: z.number().int(),
  /** Refunded in full: `amount_refunded` equals `amount` (a part refunded leaves it false). */
  refunded: z.boolean(),
  phone: z.string(),
  reference: z.string(),
  description: nullableString,
  metadata: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  mode: z.enum(["test", "live"]),
  livemode: z.boolean(),
  checkout_request_id: nullableString,
  merchant_request_id: nullableString,
  mpesa_receipt: nullableString,
  result_code: nullableString,
  failure_code: nullableString,
  failure_message: nullableString,
  /** Settled by a status query, which gives no receipt number. */
  receipt_missing: z.boolean(),
  /** Succeeded after its deadline had passed. */
  late: z.boolean(),
  created_at: z.string(),
  accepted_at: nullableString,
  completed_at: nullableString,
  expires_at: z.string(),
});

export type PublicPayment = z.infer<typeof publicPaymentSchema>;

/** A mode as storefronts (and the dashboard's URLs) write it. */
export type PublicMode = "test" | "live";

export function dbModeOf(mode: PublicMode): "TEST" | "LIVE" {
  return mode === "live" ? "LIVE" : "TEST";
}
