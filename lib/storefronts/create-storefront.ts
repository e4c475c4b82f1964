import type { Db } from "@/lib/db/client";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { createId } from "@/lib/ids";
import { inTransaction } from "@/lib/db/in-transaction";

export interface CreateStorefrontOptions {
  name: string;
  actor: AuditActor;
  ip?: string | null;
}

/** A new storefront (an API client); keys and webhook endpoints are added to it afterwards. */
export async function createStorefront(db: Db, options: CreateStorefrontOptions) {
  return inTransaction(db, async (tx) => {
    const storefront = await tx.storefront.create({ data: { id: createId("sf"), name: options.name } });
    await recordAudit(tx, { actor: options.actor, action: "storefront.create", entityType: "storefront", entityId: storefront.id, after: { name: storefront.name }, ip: options.ip });
    return storefront;
  });
}
