import { z } from "zod";
import { reasonField } from "@/lib/users/schemas";

/** Inputs of the refund actions; forms import these too (no "use server" here). */

const paymentId = z.string().regex(/^pay_[0-9A-Za-z]+$/, "is not a payment id");
export const refundIdSchema = z.string().regex(/^re_[0-9A-Za-z]+$/, "is not a refund id");

export const requestRefundSchema = z.object({
  paymentId,
  /** Whole shillings; empty: everything still refundable. */
  amount: z.string().trim().optional().transform((v) => v || undefined)
    .pipe(z.string().regex(/^\d{1,9}$/, "The amount is a whole number of shillings").transform(Number).optional()),
  reason: reasonField,
});

export const refundDecisionSchema = z.object({ paymentId, refundId: refundIdSchema, reason: reasonField });
export const sendRefundSchema = z.object({ paymentId, refundId: refundIdSchema });

/** An admin's finding about a sent refund M-Pesa never answered: refunded (with its receipt) or not. */
export const settleRefundByHandSchema = z.object({
  paymentId,
  refundId: refundIdSchema,
  finding: z.enum(["refunded", "not_refunded"], { message: "Say whether M-Pesa shows the refund as made" }),
  receipt: z.string().trim().max(20).optional().transform((v) => v || undefined),
  reason: reasonField,
}).refine((v) => v.finding === "not_refunded" || v.receipt !== undefined, { message: "Give the M-Pesa receipt of the refund", path: ["receipt"] });
