import { deliverAlertNotifications } from "@/lib/alerts/deliver-alert-notifications";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import type { Env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";

/**
 * Sends a channel a test message now, through the same outbox and senders as real alerts, and
 * says what became of it: sent, or the error (it is then retried like any notification). Audited.
 */
export async function sendTestAlert(db: PrismaClient, { channelId, actor, ip, env, now = new Date() }: { channelId: string; actor: AuditActor; ip?: string | null; env: Env; now?: Date }): Promise<{ sent: boolean; error: string | null }> {
  const notification = await db.$transaction(async (tx) => {
    const channel = await tx.alertChannel.findUnique({ where: { id: channelId } });
    if (!channel) throw new AppError("not_found", "No such alert channel.");
    if (!channel.enabled) throw new AppError("invalid_state", "The channel is paused: resume it first.");
    const created = await tx.alertNotification.create({ data: { channelId, kind: "TEST", status: "PENDING", nextAttemptAt: now, createdAt: now } });
    await recordAudit(tx, { actor, action: "alert_channel.test", entityType: "alert_channel", entityId: channelId, after: { label: channel.label }, ip });
    return created;
  });
  await deliverAlertNotifications(db, { env, now });
  const after = await db.alertNotification.findUniqueOrThrow({ where: { id: notification.id } });
  return { sent: after.status === "SENT", error: after.lastError };
}
