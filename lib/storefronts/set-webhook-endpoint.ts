import type { Db } from "@/lib/db/client";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { createId } from "@/lib/ids";
import { inTransaction } from "@/lib/db/in-transaction";
import { encryptSecret } from "@/lib/crypto/secret-box";
import { generateEndpointSecret } from "@/lib/webhooks/endpoint-secrets";
import { checkWebhookTarget, type WebhookTargetPolicy } from "@/lib/webhooks/webhook-target";

export interface SetWebhookEndpointOptions {
  storefrontId: string;
  mode: "TEST" | "LIVE";
  url: string;
  actor: AuditActor;
  ip?: string | null;
  dataSecret: string;
  /** Which addresses may receive webhooks; production also refuses plain http (a webhook carries payment data). */
  targets: WebhookTargetPolicy;
}

/**
 * Sets where a storefront's events of one mode are sent. The first time, the endpoint is created
 * with a signing secret, returned for the one time it is shown; later calls change only the URL.
 */
export async function setWebhookEndpoint(db: Db, options: SetWebhookEndpointOptions): Promise<{ endpointId: string; secret: string | null }> {
  // Checked again at every send, on the addresses the name has then (DNS can change).
  const target = await checkWebhookTarget(options.url, options.targets);
  if (!target.ok) throw new AppError("validation_failed", target.message, { param: "url" });
  return inTransaction(db, async (tx) => {
    const storefront = await tx.storefront.findUnique({ where: { id: options.storefrontId }, select: { id: true } });
    if (!storefront) throw new AppError("not_found", "No such storefront.");
    const existing = await tx.webhookEndpoint.findFirst({ where: { storefrontId: options.storefrontId, mode: options.mode }, orderBy: { createdAt: "asc" } });
    if (existing) {
      await tx.webhookEndpoint.update({ where: { id: existing.id }, data: { url: options.url, enabled: true, disabledAt: null, disabledReason: null, failingSince: null } });
      await recordAudit(tx, {
        actor: options.actor, action: "webhook_endpoint.update", entityType: "webhook_endpoint", entityId: existing.id,
        before: { url: existing.url, enabled: existing.enabled }, after: { url: options.url, enabled: true }, ip: options.ip,
      });
      return { endpointId: existing.id, secret: null };
    }
    const secret = generateEndpointSecret();
    const endpoint = await tx.webhookEndpoint.create({
      data: { id: createId("we"), storefrontId: options.storefrontId, mode: options.mode, url: options.url, secretEncrypted: encryptSecret(secret, options.dataSecret) },
    });
    await recordAudit(tx, {
      actor: options.actor, action: "webhook_endpoint.create", entityType: "webhook_endpoint", entityId: endpoint.id,
      after: { storefrontId: endpoint.storefrontId, mode: endpoint.mode, url: endpoint.url }, ip: options.ip,
    });
    return { endpointId: endpoint.id, secret };
  });
}
