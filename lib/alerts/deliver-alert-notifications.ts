import { ALERT_CONDITIONS } from "@/lib/alerts/alert-conditions";
import { sendAlertEmail } from "@/lib/alerts/channels/send-alert-email";
import { sendAlertWebhook } from "@/lib/alerts/channels/send-alert-webhook";
import { renderAlertMessage } from "@/lib/alerts/render-alert-message";
import type { Env } from "@/lib/env";
import type { AlertChannel, PrismaClient } from "@/lib/generated/prisma/client";
import { createLogger, type Logger } from "@/lib/logger";
import { retryDelaySeconds } from "@/lib/webhooks/backoff";
import { decryptSecret } from "@/lib/crypto/secret-box";

// A claimed notification is left alone this long (a send in flight); after it, it is due again.
const LEASE_MS = 2 * 60_000;
// Retries wait 1 min, 2, 4… up to an hour; a notification still unsent a day later has failed.
const BACKOFF = { backoffBaseSeconds: 60, backoffMaxSeconds: 3600 };
const GIVE_UP_AFTER_MS = 24 * 3600_000;

export interface DeliverySummary {
  sent: number;
  retrying: number;
  failed: number;
}

interface Claimed {
  id: bigint;
  incident_id: string | null;
  channel_id: string;
  kind: "OPENED" | "REMINDER" | "RESOLVED" | "TEST";
  attempts: number;
  created_at: Date;
}

/**
 * Sends due alert notifications, oldest first. Each is claimed with SKIP LOCKED and a lease, so
 * concurrent senders (workers, a web process) never send one twice at once, and a sender that dies
 * mid-send only delays it. A notification waits while an earlier one for the same alert and
 * channel is unsent, so nobody reads "resolved" before "alert". Failures retry with backoff.
 */
export async function deliverAlertNotifications(db: PrismaClient, { env, now, batchSize = 20, logger = createLogger("alerts") }: { env: Env; now: Date; batchSize?: number; logger?: Logger }): Promise<DeliverySummary> {
  const summary: DeliverySummary = { sent: 0, retrying: 0, failed: 0 };
  const dashboardUrl = `${env.publicUrl}/settings/alerts`;
  for (;;) {
    const claimed = await db.$queryRaw<Claimed[]>`
      UPDATE alert_notifications n SET attempts = n.attempts + 1, next_attempt_at = ${new Date(now.getTime() + LEASE_MS)}
       WHERE n.id IN (
         SELECT c.id FROM alert_notifications c
          WHERE c.status = 'PENDING' AND c.next_attempt_at <= ${now}
            AND NOT EXISTS (SELECT 1 FROM alert_notifications e WHERE e.incident_id = c.incident_id AND e.channel_id = c.channel_id AND e.status = 'PENDING' AND e.id < c.id)
          ORDER BY c.id LIMIT ${batchSize} FOR UPDATE SKIP LOCKED)
      RETURNING n.id, n.incident_id, n.channel_id, n.kind, n.attempts, n.created_at`;
    if (claimed.length === 0) return summary;
    const [incidents, channels] = await Promise.all([
      db.alertIncident.findMany({ where: { id: { in: claimed.flatMap((c) => (c.incident_id ? [c.incident_id] : [])) } } }),
      db.alertChannel.findMany({ where: { id: { in: claimed.map((c) => c.channel_id) } } }),
    ]);
    for (const n of claimed.sort((a, b) => Number(a.id - b.id))) {
      const incident = incidents.find((i) => i.id === n.incident_id) ?? null;
      const channel = channels.find((c) => c.id === n.channel_id)!;
      const message = renderAlertMessage({ kind: n.kind, incident, condition: ALERT_CONDITIONS.find((c) => c.kind === incident?.kind), dashboardUrl });
      try {
        if (!channel.enabled) throw new Error("the channel is disabled");
        await send(channel, message, env, { "X-Malipo-Alert-Id": incident?.id ?? "test", "X-Malipo-Alert-Kind": incident?.kind ?? "test", "X-Malipo-Alert-Event": message.event });
        await db.alertNotification.update({ where: { id: n.id }, data: { status: "SENT", sentAt: now, lastError: null, nextAttemptAt: null } });
        summary.sent += 1;
      } catch (error) {
        const reason = (error instanceof Error ? error.message : String(error)).slice(0, 500);
        const next = new Date(now.getTime() + retryDelaySeconds(n.attempts, BACKOFF) * 1000);
        const giveUp = !channel.enabled || next.getTime() - n.created_at.getTime() > GIVE_UP_AFTER_MS;
        await db.alertNotification.update({ where: { id: n.id }, data: giveUp ? { status: "FAILED", lastError: reason, nextAttemptAt: null } : { lastError: reason, nextAttemptAt: next } });
        summary[giveUp ? "failed" : "retrying"] += 1;
        // Only the channel's id and type: an address or a Slack URL is not for the logs.
        logger.warn({ channelId: channel.id, type: channel.type, notification: String(n.id), attempt: n.attempts, reason, giveUp }, "alert notification not sent");
      }
    }
    if (claimed.length < batchSize) return summary;
  }
}

function send(channel: AlertChannel, message: ReturnType<typeof renderAlertMessage>, env: Env, headers: Record<string, string>): Promise<void> {
  if (channel.type === "EMAIL") return sendAlertEmail(env.alerts.smtp, channel.email ?? "", message, headers);
  const url = decryptSecret(channel.urlEncrypted ?? "", env.secrets.data);
  return sendAlertWebhook(url, message, { targets: env.webhooks.targets, timeoutMs: env.webhooks.timeoutMs });
}
