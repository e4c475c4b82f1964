import { ensureEnvironmentAccount, environmentConfigures } from "@/lib/collection-accounts/bootstrap-environment-accounts";
import { routePayment, type RouteCandidate } from "@/lib/collection-accounts/route-payment";
import { VODACOM_RAIL } from "@/lib/collection-accounts/vodacom-account-settings";
import { vodacomSettingsForAccount } from "@/lib/collection-accounts/vodacom-settings-for-account";
import type { Db } from "@/lib/db/client";
import type { Env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { CollectionAccount, Mode } from "@/lib/generated/prisma/client";
import { RAIL_KINDS, type RailKind } from "@/lib/rails/rail";

export interface ChooseAccountOptions {
  storefrontId: string;
  mode: Mode;
  /** The customer's number as the request gave it; the chosen rail normalises it. */
  phone: string;
  amount: number;
  /** The create request's `collection_account`; absent: routing among the storefront's defaults. */
  accountId?: string;
  /** The create request's `rail`. */
  rail?: RailKind;
  /** The create request's `currency`: it must be the chosen account's. */
  currency?: string;
}

export interface ChosenAccount {
  account: CollectionAccount;
  /** In the chosen rail's canonical form (254…, 255…). */
  phone: string;
  currency: string;
}

export const notConfigured = (mode: Mode) => new AppError("service_unavailable", `${mode === "LIVE" ? "Live" : "Test"} payments are not configured on this gateway`);

/**
 * The account a new payment goes to (route-payment.ts decides): the one the request names (it must
 * be this storefront's, of the key's mode, and enabled), or among the storefront's default account
 * of each rail for the mode, by rail, currency and the phone's country. A storefront made after the
 * gateway started has none yet: the environment's accounts are bootstrapped for it here, so the
 * first payment does not wait for a restart.
 */
export async function chooseAccountForNewPayment(db: Db, env: Env, options: ChooseAccountOptions): Promise<ChosenAccount> {
  const { storefrontId, mode, accountId } = options;
  let accounts: CollectionAccount[];
  if (accountId !== undefined) {
    const named = await db.collectionAccount.findFirst({ where: { id: accountId, storefrontId, mode } });
    if (!named) throw new AppError("invalid_request", `No ${mode === "LIVE" ? "live" : "test"} collection account ${accountId} on this storefront`, { param: "collection_account" });
    if (named.disabled) throw new AppError("invalid_state", `Collection account ${accountId} is disabled`, { param: "collection_account" });
    accounts = [named];
  } else {
    accounts = await defaultAccounts(db, storefrontId, mode);
    // Rails the storefront has no default of, but the environment would give it one.
    const missing = RAIL_KINDS.filter((rail) => !accounts.some((a) => a.rail === rail) && environmentConfigures(env, rail, mode));
    if (missing.length > 0) {
      await Promise.all(missing.map((rail) => ensureEnvironmentAccount(db, env, { storefrontId, mode, rail })));
      // Read again whoever inserted them: a concurrent first payment may have made them just now.
      accounts = await defaultAccounts(db, storefrontId, mode);
    }
    if (accounts.length === 0) throw notConfigured(mode);
  }
  const decision = routePayment(
    { phone: options.phone, amount: options.amount, rail: options.rail, currency: options.currency, named: accountId !== undefined },
    accounts.map((a) => candidateOf(env, a)),
  );
  if (!decision.ok) throw new AppError("validation_failed", decision.message, { param: decision.param });
  const account = accounts.find((a) => a.id === decision.accountId)!;
  return { account, phone: decision.phone, currency: decision.currency };
}

/** The enabled default account of each rail, Daraja first (the routing order). */
async function defaultAccounts(db: Db, storefrontId: string, mode: Mode): Promise<CollectionAccount[]> {
  const rows = await db.collectionAccount.findMany({ where: { storefrontId, mode, isDefault: true, disabled: false, rail: { in: [...RAIL_KINDS] } } });
  return rows.sort((a, b) => RAIL_KINDS.indexOf(a.rail as RailKind) - RAIL_KINDS.indexOf(b.rail as RailKind));
}

function candidateOf(env: Env, account: CollectionAccount): RouteCandidate {
  if (account.rail !== VODACOM_RAIL) return { accountId: account.id, rail: "daraja_stk", currency: account.currency };
  const settings = vodacomSettingsForAccount(env, account);
  return {
    accountId: account.id, rail: "vodacom_c2b", currency: account.currency,
    market: settings?.market, sandbox: settings?.environment === "sandbox", maxAmount: settings?.maxAmount ?? null,
  };
}
