import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { WebhookDeliveryStatus } from "@/lib/generated/prisma/client";
import { inTransaction } from "@/lib/db/in-transaction";

export interface ResendWebhookOptions {
  deliveryId: string;
  actorUserId: string;
  reason: string;
  now?: Date;
}

export interface ResendWebhookResult {
  deliveryId: string;
  eventId: string;
  paymentId: string | null;
  previousStatus: WebhookDeliveryStatus;
}

/**
 * Makes a delivery due now as a fresh attempt series: the backoff starts again from its base and
 * the retry horizon from now; attempt numbers carry on, so the log keeps every attempt. The
 * dispatcher sends it within about a second. The caller writes the audit row.
 */
export async function resendWebhook(db: Db, { deliveryId, actorUserId, reason, now = new Date() }: ResendWebhookOptions): Promise<ResendWebhookResult> {
  if (!reason.trim()) throw new AppError("validation_failed", "A reason is required to resend a webhook.", { param: "reason" });
  return inTransaction(db, async (tx) => {
    const delivery = await tx.webhookDelivery.findUnique({
      where: { id: deliveryId },
      include: {
        event: { select: { id: true, type: true, paymentId: true } },
        endpoint: { select: { id: true, enabled: true } },
        attempts: { select: { attemptNumber: true }, orderBy: { attemptNumber: "desc" }, take: 1 },
      },
    });
    if (!delivery) throw new AppError("not_found", "No such webhook delivery.", { param: "deliveryId" });
    if (!delivery.endpoint.enabled) throw new AppError("invalid_state", "The webhook endpoint is disabled: enable it before resending.");
    // Claimed (counter raised, lease in the future) but not logged yet: an attempt is on the wire.
    const logged = delivery.attempts[0]?.attemptNumber ?? 0;
    const inFlight = delivery.status === "PENDING" && delivery.attemptCount > logged && (delivery.nextAttemptAt?.getTime() ?? 0) > now.getTime();
    if (inFlight) throw new AppError("conflict", "This webhook is being sent right now. Try again in a minute.");

    // Fenced on what was read: a dispatcher claiming it meanwhile makes this a conflict, not a double send.
    const { count } = await tx.webhookDelivery.updateMany({
      where: { id: delivery.id, status: delivery.status, attemptCount: delivery.attemptCount },
      data: { status: "PENDING", nextAttemptAt: now, seriesStartedAt: now, seriesAttempts: 0 },
    });
    if (count === 0) throw new AppError("conflict", "This webhook delivery changed meanwhile. Try again.");

    if (delivery.event.paymentId) {
      // Written directly: "webhook.resend" is not (yet) in lib/payments' list of timeline types.
      await tx.paymentEvent.create({
        data: {
          paymentId: delivery.event.paymentId,
          type: "webhook.resend",
          source: "admin",
          actorUserId,
          data: { deliveryId: delivery.id, eventId: delivery.event.id, eventType: delivery.event.type, endpointId: delivery.endpoint.id, previousStatus: delivery.status, reason },
          createdAt: now,
        },
      });
    }
    return { deliveryId: delivery.id, eventId: delivery.event.id, paymentId: delivery.event.paymentId, previousStatus: delivery.status };
  });
}
