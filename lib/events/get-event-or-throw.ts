import type { Db } from "@/lib/db/client";
import { retentionStart } from "@/lib/events/find-events";
import { AppError } from "@/lib/errors";
import type { Mode, WebhookEvent } from "@/lib/generated/prisma/client";
import { WEBHOOK_EVENT_TYPES } from "@/lib/payments/webhook-event-schema";

// Event ids are `evt_` and base62 (lib/ids.ts): anything else is not found without a query.
const EVENT_ID = /^evt_[0-9A-Za-z]{8,64}$/;

/**
 * One event of a storefront in one mode from the last 30 days. Another storefront's or mode's, an
 * older one and a dashboard test ping are all simply not found.
 */
export async function getEventOrThrow(db: Db, { id, storefrontId, mode, now = new Date() }: { id: string; storefrontId: string; mode: Mode; now?: Date }): Promise<WebhookEvent> {
  const event = EVENT_ID.test(id)
    ? await db.webhookEvent.findFirst({ where: { id, storefrontId, mode, type: { in: [...WEBHOOK_EVENT_TYPES] }, createdAt: { gte: retentionStart(now) } } })
    : null;
  if (!event) throw new AppError("not_found", `No such event: '${JSON.stringify(id.slice(0, 64)).slice(1, -1)}'`, { param: "id" });
  return event;
}
