import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import type { Env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { createId } from "@/lib/ids";
import { inTransaction } from "@/lib/db/in-transaction";
import { encryptSecret } from "@/lib/crypto/secret-box";
import { checkWebhookTarget } from "@/lib/webhooks/webhook-target";

export interface AddAlertChannelOptions {
  type: "EMAIL" | "WEBHOOK";
  target: string;
  actor: AuditActor;
  ip?: string | null;
  env: Pick<Env, "alerts" | "webhooks" | "secrets">;
}

/**
 * Adds a place alerts go. An e-mail recipient needs SMTP_* set; a webhook URL passes the storefront
 * webhooks' target guard (checked again at every send) and is stored encrypted, since a Slack or
 * Teams incoming-webhook URL is itself the credential. Audited, without the URL's path.
 */
export async function addAlertChannel(db: Db, { type, target, actor, ip, env }: AddAlertChannelOptions): Promise<{ channelId: string; label: string }> {
  let label = target;
  let urlEncrypted: string | null = null;
  if (type === "EMAIL" && !env.alerts.smtp) throw new AppError("invalid_state", "E-mail alerts need an SMTP server: set SMTP_HOST (and SMTP_PORT, SMTP_USER…) and restart.");
  if (type === "WEBHOOK") {
    const checked = await checkWebhookTarget(target, env.webhooks.targets);
    if (!checked.ok) throw new AppError("validation_failed", checked.message, { param: "target" });
    label = `${checked.url.origin}/…`;
    urlEncrypted = encryptSecret(target, env.secrets.data);
  }
  return inTransaction(db, async (tx) => {
    if (type === "EMAIL" && (await tx.alertChannel.count({ where: { type, email: target } })) > 0) throw new AppError("conflict", `${target} already receives alerts.`);
    const id = createId("ach");
    await tx.alertChannel.create({ data: { id, type, label, email: type === "EMAIL" ? target : null, urlEncrypted } });
    await recordAudit(tx, { actor, action: "alert_channel.create", entityType: "alert_channel", entityId: id, after: { type, label }, ip });
    return { channelId: id, label };
  });
}
