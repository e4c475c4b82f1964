import { railForAccount, type AccountRail } from "@/lib/collection-accounts/account-rail";
import { chooseAccountForNewPayment, notConfigured, type ChooseAccountOptions } from "@/lib/collection-accounts/choose-account";
import { darajaForPayment } from "@/lib/collection-accounts/payment-daraja";
import type { Db } from "@/lib/db/client";
import type { Env } from "@/lib/env";
import type { Mode } from "@/lib/generated/prisma/client";
import { darajaStkRail } from "@/lib/rails/daraja/stk-rail";
import type { Rail } from "@/lib/rails/rail";

export interface NewPaymentRail {
  rail: Rail;
  accountId: string;
  /** The customer's number as the chosen rail writes it. */
  phone: string;
  /** The chosen account's currency: the payment's. */
  currency: string;
  timeoutMs: number;
}

/**
 * A new payment's rail: the collection account routing chose (choose-account.ts) as a rail
 * (account-rail.ts), with the number normalised by that rail and its currency. Throws an AppError
 * (422, or 503 when the mode has no provider at all) before anything is stored or sent.
 */
export async function railForNewPayment(db: Db, env: Env, options: ChooseAccountOptions): Promise<NewPaymentRail> {
  const chosen = await chooseAccountForNewPayment(db, env, options);
  const target = railForAccount(env, chosen.account);
  if (!target) throw notConfigured(options.mode);
  return { rail: target.rail, accountId: chosen.account.id, phone: chosen.phone, currency: chosen.currency, timeoutMs: target.timeoutMs };
}

/**
 * An existing payment's rail, for its status queries and a prompt sent again: the rail of the
 * account the payment already uses, even if disabled since, so every question goes to the provider
 * and credentials that took the push. A payment with no account is the environment's Daraja
 * account of its mode. Null when that account's settings are no longer configured.
 */
export async function railForExistingPayment(db: Db, env: Env, payment: { mode: Mode; collectionAccountId: string | null }): Promise<AccountRail | null> {
  if (!payment.collectionAccountId) {
    const daraja = await darajaForPayment(db, env, payment);
    if (!daraja) return null;
    return { rail: darajaStkRail(daraja.client, { publicUrl: env.publicUrl, callbackSecret: env.secrets.callback }), rateAccount: daraja.shortcode, timeoutMs: daraja.timeoutMs };
  }
  const account = await db.collectionAccount.findUnique({ where: { id: payment.collectionAccountId } });
  return account ? railForAccount(env, account) : null;
}
