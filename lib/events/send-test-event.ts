import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { createId } from "@/lib/ids";
import { inTransaction } from "@/lib/db/in-transaction";

/** The type of a dashboard test event: a storefront can tell it from real events and ignore it. */
export const TEST_EVENT_TYPE = "test.ping";

export interface SendTestEventOptions {
  storefrontId: string;
  endpointId: string;
  actor: AuditActor;
  ip?: string | null;
  now?: Date;
}

/**
 * Queues a `test.ping` event for one webhook endpoint, in the outbox real events use: the
 * dispatcher signs it with the endpoint's secret and sends it like any other (same headers, same
 * retries), and its attempts appear in the endpoint's delivery log. It changes no payment, and the
 * events API does not list it. Audited.
 */
export async function sendTestEvent(db: Db, { storefrontId, endpointId, actor, ip, now = new Date() }: SendTestEventOptions): Promise<{ eventId: string; deliveryId: string }> {
  return inTransaction(db, async (tx) => {
    const endpoint = await tx.webhookEndpoint.findFirst({ where: { id: endpointId, storefrontId }, select: { id: true, mode: true, enabled: true, url: true } });
    if (!endpoint) throw new AppError("not_found", "No such webhook endpoint.");
    if (!endpoint.enabled) throw new AppError("invalid_state", "The webhook endpoint is disabled: enable it before sending a test event.");
    const eventId = createId("evt");
    const deliveryId = createId("whd");
    const payload = {
      id: eventId,
      type: TEST_EVENT_TYPE,
      created: now.toISOString(),
      livemode: endpoint.mode === "LIVE",
      data: { object: { object: "test", endpoint_id: endpoint.id, message: "A test event sent from the Malipo dashboard. No payment changed." } },
    };
    await tx.webhookEvent.create({ data: { id: eventId, storefrontId, mode: endpoint.mode, type: TEST_EVENT_TYPE, payload: payload as Prisma.InputJsonValue, createdAt: now } });
    await tx.webhookDelivery.create({ data: { id: deliveryId, eventId, endpointId: endpoint.id, status: "PENDING", nextAttemptAt: now, seriesStartedAt: now } });
    await recordAudit(tx, {
      actor, action: "webhook_endpoint.send_test", entityType: "webhook_endpoint", entityId: endpoint.id, ip,
      after: { eventId, deliveryId, mode: endpoint.mode },
    });
    return { eventId, deliveryId };
  });
}
