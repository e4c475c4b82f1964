import { z } from "zod";
import { reasonField } from "@/lib/users/schemas";

/** Inputs of the admin actions on payments and callbacks; forms import these too. */

const paymentId = z.string().regex(/^pay_[0-9A-Za-z]+$/, "Unknown payment");

export const expirePaymentSchema = z.object({ paymentId, reason: reasonField });

export const recheckPaymentSchema = z.object({ paymentId, reason: reasonField });

export const retryPaymentSchema = z.object({ paymentId, reason: reasonField });

export const resolveReviewSchema = z.object({
  paymentId,
  outcome: z.enum(["SUCCEEDED", "FAILED"], { message: "Choose whether the customer paid" }),
  reason: reasonField,
});

export const reprocessCallbackSchema = z.object({
  callbackId: z.string().regex(/^\d{1,18}$/, "Unknown callback"),
  reason: reasonField,
});

export const resendWebhookSchema = z.object({
  deliveryId: z.string().regex(/^whd_[0-9A-Za-z]+$/, "Unknown delivery"),
  reason: reasonField,
});
