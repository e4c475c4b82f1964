import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { inTransaction } from "@/lib/db/in-transaction";

interface ChannelChange {
  channelId: string;
  actor: AuditActor;
  ip?: string | null;
}

/** Pauses or resumes a channel; a paused one is sent nothing (its queued notifications fail). Audited. */
export async function setAlertChannelEnabled(db: Db, { channelId, enabled, actor, ip }: ChannelChange & { enabled: boolean }): Promise<void> {
  await inTransaction(db, async (tx) => {
    const channel = await tx.alertChannel.findUnique({ where: { id: channelId } });
    if (!channel) throw new AppError("not_found", "No such alert channel.");
    await tx.alertChannel.update({ where: { id: channelId }, data: { enabled } });
    await recordAudit(tx, {
      actor, action: enabled ? "alert_channel.enable" : "alert_channel.disable", entityType: "alert_channel", entityId: channelId,
      before: { label: channel.label, enabled: channel.enabled }, after: { label: channel.label, enabled }, ip,
    });
  });
}

/** Removes a channel and its notification history. Audited. */
export async function removeAlertChannel(db: Db, { channelId, actor, ip }: ChannelChange): Promise<void> {
  await inTransaction(db, async (tx) => {
    const channel = await tx.alertChannel.findUnique({ where: { id: channelId } });
    if (!channel) throw new AppError("not_found", "No such alert channel.");
    await tx.alertChannel.delete({ where: { id: channelId } });
    await recordAudit(tx, { actor, action: "alert_channel.delete", entityType: "alert_channel", entityId: channelId, before: { type: channel.type, label: channel.label }, ip });
  });
}
