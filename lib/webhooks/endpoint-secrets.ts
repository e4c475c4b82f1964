import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import type { Db } from "@/lib/db";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { randomBase62 } from "@/lib/ids";
import { inTransaction } from "@/lib/payments/in-transaction";

/**
 * Webhook signing secrets. Malipo must sign with them, so they are stored encrypted (AES-256-GCM
 * under a key derived from DATA_SECRET), not hashed. Rotation keeps the previous secret valid for a
 * grace period so a storefront can deploy the new one while deliveries are signed with both.
 */

const FORMAT = "v1";

export function generateEndpointSecret(): string {
  return `whsec_${randomBase62(32)}`;
}

function keyFrom(dataSecret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", dataSecret, "malipo", "webhook-endpoint-secrets", 32));
}

/** "v1.<iv>.<tag>.<ciphertext>", each base64url; a fresh 96-bit IV per secret. */
export function encryptSecret(plain: string, dataSecret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyFrom(dataSecret), iv);
  const ciphertext = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [FORMAT, iv, cipher.getAuthTag(), ciphertext].map((p) => (typeof p === "string" ? p : p.toString("base64url"))).join(".");
}

export function decryptSecret(stored: string, dataSecret: string): string {
  const [format, iv, tag, ciphertext] = stored.split(".");
  if (format !== FORMAT || !iv || !tag || ciphertext === undefined) throw new Error("Unreadable encrypted secret");
  const decipher = createDecipheriv("aes-256-gcm", keyFrom(dataSecret), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
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
