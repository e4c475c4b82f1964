import type { WebhookEvent } from "@/lib/generated/prisma/client";
import type { PublicEvent } from "@/lib/events/schemas";
import type { WebhookEventBody } from "@/lib/payments/webhook-event-schema";

/** The stored webhook envelope (exactly what was signed and sent) as the events API shows it. */
export function serializeEvent(row: Pick<WebhookEvent, "payload">): PublicEvent {
  const body = row.payload as unknown as WebhookEventBody;
  return { ...body, object: "event" };
}
