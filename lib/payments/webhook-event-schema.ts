import { z } from "zod";
import { publicPaymentSchema } from "@/lib/payments/public-payment";

/**
 * The body of every webhook Malipo sends: the envelope written by emit-webhook-event.ts around the
 * same payment object the API answers with. The OpenAPI document's `webhooks` section is generated
 * from this, and the delivery tests parse what a storefront actually receives with it.
 */
export const WEBHOOK_EVENT_TYPES = [
  "payment.succeeded",
  "payment.failed",
  "payment.cancelled",
  "payment.expired",
  "payment.review",
  // A late receipt number, or a review an admin resolved.
  "payment.updated",
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export const webhookEventSchema = z.strictObject({
  id: z.string().regex(/^evt_[0-9A-Za-z]+$/).describe("Unique per event; the same on every attempt. Deduplicate on it."),
  type: z.enum(WEBHOOK_EVENT_TYPES),
  created: z.iso.datetime({ offset: true }).describe("When the change happened (UTC, ISO 8601)."),
  livemode: z.boolean().describe("false for test-mode payments."),
  data: z.strictObject({ object: publicPaymentSchema }),
});

export type WebhookEventBody = z.infer<typeof webhookEventSchema>;
