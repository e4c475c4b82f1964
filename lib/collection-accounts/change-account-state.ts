import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { accountAuditView } from "@/lib/collection-accounts/account-audit-view";
import type { Db } from "@/lib/db/client";
import { inTransaction } from "@/lib/db/in-transaction";
import { AppError } from "@/lib/errors";
import type { CollectionAccount } from "@/lib/generated/prisma/client";

export type AccountStateChange = "disable" | "enable" | "make_default";

export interface ChangeAccountStateOptions {
  storefrontId: string;
  accountId: string;
  change: AccountStateChange;
  reason: string;
  actor: AuditActor;
  ip?: string | null;
}

/**
 * Disables, re-enables or makes default one of a storefront's accounts, audited. A disabled account
 * takes no new payments but its existing ones are still asked about with its credentials. The
 * default of a rail cannot be disabled while another enabled account of that rail and mode exists
 * (payments that name no account would have nowhere to go): make that one the default first. The
 * last enabled account of a rail can be disabled: the storefront then no longer takes that rail's
 * payments, and a number of its country is refused with a 422 (route-payment.ts). The row is
 * locked so two admins cannot leave a rail without a default while it has enabled accounts.
 */
export async function changeAccountState(db: Db, options: ChangeAccountStateOptions): Promise<CollectionAccount> {
  const { storefrontId, accountId, change } = options;
  return inTransaction(db, async (tx) => {
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM collection_accounts WHERE id = ${accountId} AND storefront_id = ${storefrontId} FOR UPDATE`;
    if (!locked[0]) throw new AppError("not_found", "No such collection account on this storefront.");
    const before = await tx.collectionAccount.findUniqueOrThrow({ where: { id: accountId } });
    if (change === "disable" && before.isDefault) {
      const others = await tx.collectionAccount.count({ where: { storefrontId, mode: before.mode, rail: before.rail, disabled: false, NOT: { id: accountId } } });
      if (others > 0) throw new AppError("invalid_state", "This is the default account of its mode: make another account the default first.");
    }
    if (change === "make_default" && before.disabled) throw new AppError("invalid_state", "A disabled account cannot be the default: enable it first.");
    if (change === "make_default") {
      await tx.collectionAccount.updateMany({ where: { storefrontId, mode: before.mode, rail: before.rail, isDefault: true, NOT: { id: accountId } }, data: { isDefault: false } });
    }
    const after = await tx.collectionAccount.update({
      where: { id: accountId },
      data: change === "make_default" ? { isDefault: true } : { disabled: change === "disable" },
    });
    await recordAudit(tx, {
      actor: options.actor, action: `collection_account.${change}`, entityType: "collection_account", entityId: accountId,
      reason: options.reason, before: accountAuditView(before), after: accountAuditView(after), ip: options.ip,
    });
    return after;
  });
}
