import type { Db } from "@/lib/db/client";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { inTransaction } from "@/lib/db/in-transaction";
import { createApiKey } from "@/lib/storefronts/create-api-key";

export interface IssueApiKeyOptions {
  storefrontId: string;
  mode: "TEST" | "LIVE";
  name: string;
  actor: AuditActor;
  ip?: string | null;
}

/** An admin issues a key: audited, and the secret is returned for the one time it is shown. */
export async function issueApiKey(db: Db, options: IssueApiKeyOptions) {
  return inTransaction(db, async (tx) => {
    const storefront = await tx.storefront.findUnique({ where: { id: options.storefrontId }, select: { id: true, disabled: true } });
    if (!storefront) throw new AppError("not_found", "No such storefront.");
    if (storefront.disabled) throw new AppError("invalid_state", "This storefront is disabled.");
    const { key, secret } = await createApiKey(tx, { storefrontId: storefront.id, mode: options.mode, name: options.name, createdById: options.actor.id });
    await recordAudit(tx, {
      actor: options.actor, action: "api_key.create", entityType: "api_key", entityId: key.id,
      after: { storefrontId: key.storefrontId, mode: key.mode, name: key.name, prefix: key.prefix }, ip: options.ip,
    });
    return { key, secret };
  });
}
