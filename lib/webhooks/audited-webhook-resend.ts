import type { Db } from "@/lib/db/client";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { inTransaction } from "@/lib/db/in-transaction";
import { resendWebhook } from "@/lib/webhooks/resend-webhook";

export interface AuditedWebhookResendOptions {
  deliveryId: string;
  actor: AuditActor & { id: string };
  reason: string;
  ip?: string | null;
}

/** Sends a storefront event again, with its audit row in the same transaction. */
export async function auditedWebhookResend(db: Db, options: AuditedWebhookResendOptions) {
  return inTransaction(db, async (tx) => {
    const before = await tx.webhookDelivery.findUnique({ where: { id: options.deliveryId }, select: { status: true, attemptCount: true, nextAttemptAt: true } });
    if (!before) throw new AppError("not_found", "No such webhook delivery.");
    const result = await resendWebhook(tx, { deliveryId: options.deliveryId, actorUserId: options.actor.id, reason: options.reason });
    await recordAudit(tx, {
      actor: options.actor, action: "webhook.resend", entityType: "webhook_delivery", entityId: options.deliveryId, reason: options.reason,
      before, after: { status: "PENDING", eventId: result.eventId, paymentId: result.paymentId }, ip: options.ip,
    });
    return result;
  });
}
