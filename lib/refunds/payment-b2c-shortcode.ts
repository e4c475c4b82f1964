import { b2cShortcodeForAccount } from "@/lib/collection-accounts/b2c-shortcode-for-account";
import type { Db } from "@/lib/db/client";
import type { Env } from "@/lib/env";
import type { Mode } from "@/lib/generated/prisma/client";
import { ledgerAccountOfPayment } from "@/lib/ledger/ledger-account";

/**
 * The B2C shortcode a part of this payment would be paid back from (its collection account's, as
 * request-refund.ts finds it), or null: then only the whole payment can be refunded, by Reversal.
 * For the payment page's refund form, which says which method an amount will use.
 */
export async function paymentB2cShortcode(db: Db, env: Env, payment: { storefrontId: string; mode: Mode; collectionAccountId: string | null }): Promise<string | null> {
  const ledgerAccount = await ledgerAccountOfPayment(db, payment);
  const account = ledgerAccount && (await db.collectionAccount.findUnique({ where: { id: ledgerAccount.id } }));
  return account ? b2cShortcodeForAccount(env, account) : null;
}
