import { z } from "zod";
import { LIST_DEFAULT_LIMIT, LIST_MAX_LIMIT } from "@/lib/api/payment-schemas";
import { publicRefundSchema } from "@/lib/payments/public-refund";

/** The storefront API's contract for refunds (POST/GET /api/v1/refunds, GET /api/v1/refunds/{id}). */

export const createRefundSchema = z.strictObject({
  payment: z.string().trim().regex(/^pay_[0-9A-Za-z]{8,64}$/, "must be a payment id (pay_…)"),
  /** Whole shillings; left out: everything still refundable. The whole payment goes by Reversal, a part by B2C. */
  amount: z.number({ message: "must be a number" }).int("must be a whole number of shillings").min(1, "must be at least 1").max(250_000, "must be at most 250000").optional(),
  reason: z.string().trim().min(3, "must be at least 3 characters").max(500, "must be at most 500 characters"),
});
export type CreateRefundInput = z.output<typeof createRefundSchema>;

export const listRefundsQuerySchema = z.strictObject({
  payment: z.string().trim().regex(/^pay_[0-9A-Za-z]{8,64}$/, "must be a payment id (pay_…)").optional(),
  limit: z.coerce.number({ message: "must be a number" }).int("must be a whole number").min(1, "must be at least 1").max(LIST_MAX_LIMIT, `must be at most ${LIST_MAX_LIMIT}`).default(LIST_DEFAULT_LIMIT),
  starting_after: z.string().trim().regex(/^re_[0-9A-Za-z]{1,64}$/, "must be a refund id (re_…)").optional(),
});

export const refundListSchema = z.object({
  object: z.literal("list"),
  data: z.array(publicRefundSchema).describe("Newest first."),
  has_more: z.boolean(),
});
export type RefundList = z.infer<typeof refundListSchema>;
