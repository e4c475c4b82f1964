import type { Db } from "@/lib/db/client";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { inTransaction } from "@/lib/db/in-transaction";

export interface RevokeApiKeyOptions {
  storefrontId: string;
  keyId: string;
  actor: AuditActor;
  reason: string;
  ip?: string | null;
  now?: Date;
}

/** Revokes a key at once: the API refuses it from the next request. */
export async function revokeApiKey(db: Db, options: RevokeApiKeyOptions) {
  const now = options.now ?? new Date();
  return inTransaction(db, async (tx) => {
    // Conditional on storefront and not-yet-revoked: a stale form cannot revoke twice or cross tenants.
    const { count } = await tx.apiKey.updateMany({ where: { id: options.keyId, storefrontId: options.storefrontId, revokedAt: null }, data: { revokedAt: now } });
    if (count === 0) throw new AppError("invalid_state", "This key does not exist or is already revoked.");
    await recordAudit(tx, {
      actor: options.actor, action: "api_key.revoke", entityType: "api_key", entityId: options.keyId, reason: options.reason,
      before: { revokedAt: null }, after: { revokedAt: now }, ip: options.ip,
    });
  });
}
