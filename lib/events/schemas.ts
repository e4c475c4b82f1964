import { z } from "zod";
import { LIST_DEFAULT_LIMIT, LIST_MAX_LIMIT } from "@/lib/api/payment-schemas";
import { c2bReceivedEventSchema, paymentEventSchema, refundEventSchema, WEBHOOK_EVENT_TYPES, type WebhookEventType } from "@/lib/payments/webhook-event-schema";

/**
 * The events API's contract (GET /api/v1/events, GET /api/v1/events/{id}): every event a storefront
 * was (or would have been) sent by webhook in the last 30 days, in the webhook's own envelope plus
 * `object: "event"`. Lets a storefront catch up after downtime without waiting for retries.
 */

/** How far back the API reaches; older events stay in the database (they are financial records). */
export const EVENT_RETENTION_DAYS = 30;

const cursorSchema = z.string().trim().min(1).max(64);

export const listEventsQuerySchema = z
  .strictObject({
    type: z.string().trim()
      .refine((t) => matchingEventTypes(t).length > 0, `must be an event type (${WEBHOOK_EVENT_TYPES.join(", ")}) or a group such as payment.*`)
      .optional(),
    limit: z.coerce.number({ message: "must be a number" }).int("must be a whole number")
      .min(1, "must be at least 1").max(LIST_MAX_LIMIT, `must be at most ${LIST_MAX_LIMIT}`).default(LIST_DEFAULT_LIMIT),
    starting_after: cursorSchema.optional(),
    ending_before: cursorSchema.optional(),
  })
  .refine((q) => !(q.starting_after && q.ending_before), { message: "give starting_after or ending_before, not both", path: ["ending_before"] })
  .transform((q) => ({ types: q.type ? matchingEventTypes(q.type) : [...WEBHOOK_EVENT_TYPES], limit: q.limit, startingAfter: q.starting_after, endingBefore: q.ending_before }));

export type ListEventsQuery = z.output<typeof listEventsQuerySchema>;

const asEvent = { object: z.literal("event") };
export const eventSchema = z.discriminatedUnion("type", [paymentEventSchema.extend(asEvent), c2bReceivedEventSchema.extend(asEvent), refundEventSchema.extend(asEvent)]);

export type PublicEvent = z.infer<typeof eventSchema>;

export const eventListSchema = z.object({
  object: z.literal("list"),
  data: z.array(eventSchema).describe("Newest first."),
  has_more: z.boolean(),
});

export type EventList = z.infer<typeof eventListSchema>;

/** An exact type, or a group ending in `.*` (payment.* is every payment event). */
export function matchingEventTypes(pattern: string): WebhookEventType[] {
  if (pattern.endsWith(".*")) return WEBHOOK_EVENT_TYPES.filter((t) => t.startsWith(pattern.slice(0, -1)));
  return WEBHOOK_EVENT_TYPES.filter((t) => t === pattern);
}
