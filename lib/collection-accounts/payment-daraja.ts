import { darajaClientForAccount } from "@/lib/collection-accounts/daraja-client-cache";
import { DARAJA_RAIL } from "@/lib/collection-accounts/daraja-account-settings";
import { darajaConfigForAccount } from "@/lib/collection-accounts/daraja-config-for-account";
import type { Db } from "@/lib/db/client";
import type { DarajaConfig, Env } from "@/lib/env";
import type { Mode } from "@/lib/generated/prisma/client";
import type { DarajaClient } from "@/lib/rails/daraja/client";

/** The Daraja side of a payment: its account, that account's client, the shortcode its query rate is counted under, its timeout. */
export interface PaymentDaraja {
  /** null: a payment from before accounts that no backfill placed (the environment's account of its mode). */
  accountId: string | null;
  client: DarajaClient;
  shortcode: string;
  timeoutMs: number;
}

/** The Daraja side of an existing payment, for its status queries; null when its account's mode is not configured or the account is not Daraja's. */
export async function darajaForPayment(db: Db, env: Env, payment: { mode: Mode; collectionAccountId: string | null }): Promise<PaymentDaraja | null> {
  if (!payment.collectionAccountId) {
    const config = payment.mode === "LIVE" ? env.daraja.live : env.daraja.test;
    return config ? target(null, ENVIRONMENT_EPOCH, config) : null;
  }
  const account = await db.collectionAccount.findUnique({ where: { id: payment.collectionAccountId } });
  const config = account && account.rail === DARAJA_RAIL ? darajaConfigForAccount(env, account) : null;
  return account && config ? target(account.id, account.updatedAt, config) : null;
}

// The environment's configuration never changes under a running process: one client per mode.
const ENVIRONMENT_EPOCH = new Date(0);

function target(accountId: string | null, updatedAt: Date, config: DarajaConfig): PaymentDaraja {
  const client = darajaClientForAccount({ id: accountId ?? `environment:${config.mode}`, updatedAt }, config);
  return { accountId, client, shortcode: config.shortcode, timeoutMs: config.timeoutMs };
}
