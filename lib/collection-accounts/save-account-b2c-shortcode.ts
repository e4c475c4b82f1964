import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import type { SaveB2cShortcodeInput } from "@/lib/collection-accounts/b2c-schemas";
import { DARAJA_RAIL } from "@/lib/collection-accounts/daraja-account-settings";
import type { Db } from "@/lib/db/client";
import { inTransaction } from "@/lib/db/in-transaction";
import { AppError } from "@/lib/errors";
import type { CollectionAccount } from "@/lib/generated/prisma/client";

/**
 * Sets (or clears) the B2C shortcode a dashboard account pays partial refunds from, audited with
 * the reason, before and after. The payment is made as the account's initiator, so that operator
 * must hold the B2C role on this shortcode on the org portal. Refunds already asked for keep their
 * method; one sent by B2C after the shortcode is cleared is refused until it is set again.
 */
export async function saveAccountB2cShortcode(db: Db, { input, actor, ip, now }: { input: SaveB2cShortcodeInput; actor: AuditActor; ip?: string | null; now: Date }): Promise<CollectionAccount> {
  return inTransaction(db, async (tx) => {
    const before = await tx.collectionAccount.findFirst({ where: { id: input.accountId, storefrontId: input.storefrontId } });
    if (!before) throw new AppError("not_found", "No such collection account on this storefront.");
    if (before.rail !== DARAJA_RAIL) throw new AppError("invalid_state", "B2C is a Daraja API: only Daraja accounts pay refunds by B2C.");
    if (before.source === "ENVIRONMENT") throw new AppError("invalid_state", `This account is the DARAJA_${before.mode}_* environment settings: set DARAJA_${before.mode}_B2C_SHORTCODE there and restart.`);
    const shortcode = input.b2cShortcode || null;
    const after = await tx.collectionAccount.update({ where: { id: before.id }, data: { b2cShortcode: shortcode, b2cUpdatedAt: now, b2cUpdatedBy: actor.email } });
    await recordAudit(tx, {
      actor, action: "collection_account.b2c_shortcode_set", entityType: "collection_account", entityId: before.id, reason: input.reason, ip,
      before: { b2cShortcode: before.b2cShortcode }, after: { b2cShortcode: after.b2cShortcode },
    });
    return after;
  });
}
