import { z } from "zod";
import { RefundStatus } from "@/lib/generated/prisma/enums";

/**
 * The refund object storefronts see, in `refund.*` events (lib/refunds/serialize-refund.ts writes
 * it). Beside the payment object because the webhook envelope (webhook-event-schema.ts) carries both.
 */
const PUBLIC_REFUND_STATUSES = Object.values(RefundStatus).map((s) => s.toLowerCase()) as [string, ...string[]];

export const publicRefundSchema = z.object({
  id: z.string(),
  object: z.literal("refund"),
  payment_id: z.string(),
  status: z.enum(PUBLIC_REFUND_STATUSES),
  amount: z.number().int(),
  currency: z.string(),
  /** "reversal": the whole payment given back by its receipt; "b2c": a part, paid to the number that paid. */
  method: z.enum(["reversal", "b2c"]),
  reason: z.string(),
  requested_via: z.enum(["dashboard", "api"]),
  /** Sent, with its result not known yet (a timeout or a lost result): Malipo asks M-Pesa, it is never failed meanwhile. */
  outcome_unknown: z.boolean(),
  mpesa_receipt: z.string().nullable(),
  failure_code: z.string().nullable(),
  failure_message: z.string().nullable(),
  mode: z.enum(["test", "live"]),
  livemode: z.boolean(),
  created_at: z.string(),
  completed_at: z.string().nullable(),
});
export type PublicRefund = z.infer<typeof publicRefundSchema>;
