import type { Db } from "@/lib/db/client";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { decryptSecret, encryptSecret } from "@/lib/crypto/secret-box";
import { AppError } from "@/lib/errors";
import { randomBase62 } from "@/lib/ids";
import { inTransaction } from "@/lib/db/in-transaction";

/**
 * Webhook signing secrets. Malipo must sign with them, so they are stored encrypted
 * (lib/crypto/secret-box.ts), not hashed. Rotation keeps the previous secret valid for a
 * grace period so a storefront can deploy the new one while deliveries are signed with both.
 */

export function generateEndpointSecret(): string {
  return `whsec_${randomBase62(32)}`;
}

interface EndpointSecretColumns {
  secretEncrypted: string;
  previousSecretEncrypted: string | null;
  previousSecretExpiresAt: Date | null;
}

/** The secrets a delivery is signed with now: the current one, plus the previous during its grace. */
export function activeSigningSecrets(endpoint: EndpointSecretColumns, dataSecret: string, now = new Date()): string[] {
  const secrets = [decryptSecret(endpoint.secretEncrypted, dataSecret)];
  if (endpoint.previousSecretEncrypted && endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > now) {
    secrets.push(decryptSecret(endpoint.previousSecretEncrypted, dataSecret));
  }
  return secrets;
}

export interface RotateEndpointSecretOptions {
  endpointId: string;
  storefrontId: string;
  actor: AuditActor;
  reason: string;
  ip?: string | null;
  dataSecret: string;
  graceSeconds: number;
  now?: Date;
}

/** Replaces an endpoint's secret; returns the new one, which is shown once and never again. */
export async function rotateEndpointSecret(db: Db, options: RotateEndpointSecretOptions): Promise<{ secret: string; previousValidUntil: Date }> {
  const now = options.now ?? new Date();
  const secret = generateEndpointSecret();
  const previousValidUntil = new Date(now.getTime() + options.graceSeconds * 1000);
  await inTransaction(db, async (tx) => {
    const endpoint = await tx.webhookEndpoint.findFirst({ where: { id: options.endpointId, storefrontId: options.storefrontId } });
    if (!endpoint) throw new AppError("not_found", "No such webhook endpoint.");
    await tx.webhookEndpoint.update({
      where: { id: endpoint.id },
      data: {
        secretEncrypted: encryptSecret(secret, options.dataSecret),
        previousSecretEncrypted: endpoint.secretEncrypted,
        previousSecretExpiresAt: previousValidUntil,
      },
    });
    await recordAudit(tx, {
      actor: options.actor, action: "webhook_endpoint.rotate_secret", entityType: "webhook_endpoint", entityId: endpoint.id,
      reason: options.reason, before: { previousSecretExpiresAt: endpoint.previousSecretExpiresAt },
      after: { previousSecretExpiresAt: previousValidUntil }, ip: options.ip,
    });
  });
  return { secret, previousValidUntil };
}
