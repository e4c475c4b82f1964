import { DARAJA_RAIL, darajaSettingsSchema } from "@/lib/collection-accounts/daraja-account-settings";
import type { Env } from "@/lib/env";
import type { CollectionAccount, Mode, Prisma } from "@/lib/generated/prisma/client";

/**
 * The collection account a payment's money lands on, for its ledger line: the account the push
 * went to, or, for a payment from before accounts (collectionAccountId null), the storefront's
 * environment account of its mode. Null when neither exists (the mode is not configured).
 */
export async function ledgerAccountOfPayment(
  tx: Prisma.TransactionClient,
  payment: { storefrontId: string; mode: Mode; collectionAccountId: string | null },
): Promise<LedgerAccount | null> {
  if (payment.collectionAccountId) return tx.collectionAccount.findUnique({ where: { id: payment.collectionAccountId }, select: LEDGER_ACCOUNT_FIELDS });
  return tx.collectionAccount.findFirst({ where: { storefrontId: payment.storefrontId, mode: payment.mode, rail: DARAJA_RAIL, source: "ENVIRONMENT" }, select: LEDGER_ACCOUNT_FIELDS });
}

/** What a ledger line needs of its account (not its secrets). */
export type LedgerAccount = Pick<CollectionAccount, "id" | "mode" | "currency" | "source" | "settings">;
const LEDGER_ACCOUNT_FIELDS = { id: true, mode: true, currency: true, source: true, settings: true } as const;

/**
 * The shortcode an account's lines are on. A dashboard account names it in its settings; an
 * environment account is the DARAJA_<MODE>_* settings, known only with the configuration (null
 * without it: a later source that names the shortcode fills it in).
 */
export function shortcodeOfAccount(account: Pick<CollectionAccount, "source" | "mode" | "settings">, env?: Pick<Env, "daraja">): string | null {
  if (account.source === "ENVIRONMENT") return (account.mode === "LIVE" ? env?.daraja.live : env?.daraja.test)?.shortcode ?? null;
  const settings = darajaSettingsSchema.safeParse(account.settings);
  return settings.success ? settings.data.shortcode : null;
}

/** Whether a payment belongs to the account (a payment without one belongs to the environment account of its mode). */
export function paymentsOfAccount(account: Pick<CollectionAccount, "id" | "source" | "storefrontId" | "mode">): Prisma.PaymentWhereInput {
  if (account.source !== "ENVIRONMENT") return { collectionAccountId: account.id };
  return { OR: [{ collectionAccountId: account.id }, { collectionAccountId: null, storefrontId: account.storefrontId, mode: account.mode }] };
}
