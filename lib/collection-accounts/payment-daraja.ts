import { chooseAccountForNewPayment, notConfigured, type ChooseAccountOptions } from "@/lib/collection-accounts/choose-account";
import { darajaClientForAccount } from "@/lib/collection-accounts/daraja-client-cache";
import { darajaConfigForAccount } from "@/lib/collection-accounts/daraja-config-for-account";
import type { Db } from "@/lib/db/client";
import type { DarajaConfig, Env } from "@/lib/env";
import type { Mode } from "@/lib/generated/prisma/client";
import type { DarajaClient } from "@/lib/rails/daraja/client";
import { darajaStkRail } from "@/lib/rails/daraja/stk-rail";
import type { Rail } from "@/lib/rails/rail";

/** The Daraja side of a payment: its account, that account's client, the shortcode its query rate is counted under, its timeout. */
export interface PaymentDaraja {
  /** null: a payment from before accounts that no backfill placed (the environment's account of its mode). */
  accountId: string | null;
  client: DarajaClient;
  shortcode: string;
  timeoutMs: number;
}

/**
 * The one place a payment's Daraja client comes from: the collection account the payment uses,
 * each account with its own client (and OAuth token), lib/collection-accounts/daraja-client-cache.ts.
 */
export async function darajaForNewPayment(db: Db, env: Env, options: ChooseAccountOptions): Promise<PaymentDaraja> {
  const account = await chooseAccountForNewPayment(db, env, options);
  const config = darajaConfigForAccount(env, account);
  if (!config) throw notConfigured(options.mode);
  return target(account.id, account.updatedAt, config);
}

/** The Daraja side of an existing payment, for its status queries; null when its account's mode is not configured. */
export async function darajaForPayment(db: Db, env: Env, payment: { mode: Mode; collectionAccountId: string | null }): Promise<PaymentDaraja | null> {
  if (!payment.collectionAccountId) {
    const config = payment.mode === "LIVE" ? env.daraja.live : env.daraja.test;
    return config ? target(null, ENVIRONMENT_EPOCH, config) : null;
  }
  const account = await db.collectionAccount.findUnique({ where: { id: payment.collectionAccountId } });
  const config = account ? darajaConfigForAccount(env, account) : null;
  return account && config ? target(account.id, account.updatedAt, config) : null;
}

// The environment's configuration never changes under a running process: one client per mode.
const ENVIRONMENT_EPOCH = new Date(0);

function target(accountId: string | null, updatedAt: Date, config: DarajaConfig): PaymentDaraja {
  const client = darajaClientForAccount({ id: accountId ?? `environment:${config.mode}`, updatedAt }, config);
  return { accountId, client, shortcode: config.shortcode, timeoutMs: config.timeoutMs };
}

/**
 * A new payment's rail: the Daraja STK rail over the client of the collection account it will use
 * (the one named, or the storefront's default for the mode), and that account's id to record.
 */
export async function railForNewPayment(db: Db, env: Env, options: ChooseAccountOptions): Promise<{ rail: Rail; accountId: string | null; timeoutMs: number }> {
  const daraja = await darajaForNewPayment(db, env, options);
  return { rail: darajaStkRail(daraja.client, { publicUrl: env.publicUrl, callbackSecret: env.secrets.callback }), accountId: daraja.accountId, timeoutMs: daraja.timeoutMs };
}

/**
 * An existing payment's rail, for a prompt sent again: the Daraja STK rail over the client of the
 * account the payment already uses (its first push's), so every attempt is queried with the same
 * credentials. Null when that account's mode is no longer configured.
 */
export async function railForExistingPayment(db: Db, env: Env, payment: { mode: Mode; collectionAccountId: string | null }): Promise<Rail | null> {
  const daraja = await darajaForPayment(db, env, payment);
  return daraja ? darajaStkRail(daraja.client, { publicUrl: env.publicUrl, callbackSecret: env.secrets.callback }) : null;
}
