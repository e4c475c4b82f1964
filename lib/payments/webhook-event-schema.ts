import { z } from "zod";
import { publicC2bReceiptSchema } from "@/lib/payments/public-c2b-receipt";
import { publicPaymentSchema } from "@/lib/payments/public-payment";
import { publicRefundSchema } from "@/lib/payments/public-refund";

/**
 * The body of every webhook Malipo sends: the envelope written by emit-webhook-event.ts around the
 * object the event is about — the same payment object the API answers with, for `c2b.received`
 * a C2B payment made directly to the paybill or till, for `refund.*` the refund. The OpenAPI document's `webhooks` section is
 * generated from this, and the delivery tests parse what a storefront actually receives with it.
 */
export const PAYMENT_EVENT_TYPES = [
  "payment.succeeded",
  "payment.failed",
  "payment.cancelled",
  "payment.expired",
  "payment.review",
  // A late receipt number, or a review an admin resolved.
  "payment.updated",
] as const;

/** A refund of a payment: asked for, given back, or not (lib/refunds/refund-state.ts says when). */
export const REFUND_EVENT_TYPES = ["refund.created", "refund.succeeded", "refund.failed", "refund.updated"] as const;

export const WEBHOOK_EVENT_TYPES = [...PAYMENT_EVENT_TYPES, "c2b.received", ...REFUND_EVENT_TYPES] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export const envelopeShape = {
  id: z.string().regex(/^evt_[0-9A-Za-z]+$/).describe("Unique per event; the same on every attempt. Deduplicate on it."),
  created: z.iso.datetime({ offset: true }).describe("When the change happened (UTC, ISO 8601)."),
  livemode: z.boolean().describe("false for test-mode payments."),
};

export const paymentEventSchema = z.strictObject({ ...envelopeShape, type: z.enum(PAYMENT_EVENT_TYPES), data: z.strictObject({ object: publicPaymentSchema }) });

export const c2bReceivedEventSchema = z.strictObject({ ...envelopeShape, type: z.literal("c2b.received"), data: z.strictObject({ object: publicC2bReceiptSchema }) });

export const refundEventSchema = z.strictObject({ ...envelopeShape, type: z.enum(REFUND_EVENT_TYPES), data: z.strictObject({ object: publicRefundSchema }) });

export const webhookEventSchema = z.discriminatedUnion("type", [paymentEventSchema, c2bReceivedEventSchema, refundEventSchema]);

export type WebhookEventBody = z.infer<typeof webhookEventSchema>;
