import { ensureEnvironmentAccount } from "@/lib/collection-accounts/bootstrap-environment-accounts";
import { DARAJA_RAIL } from "@/lib/collection-accounts/daraja-account-settings";
import type { Db } from "@/lib/db/client";
import type { Env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { CollectionAccount, Mode } from "@/lib/generated/prisma/client";

export interface ChooseAccountOptions {
  storefrontId: string;
  mode: Mode;
  /** The create request's `collection_account`; absent: the storefront's default for the mode. */
  accountId?: string;
}

export const notConfigured = (mode: Mode) => new AppError("service_unavailable", `${mode === "LIVE" ? "Live" : "Test"} payments are not configured on this gateway`);

/**
 * The account a new payment goes to: the one the request names (it must be this storefront's, of
 * the key's mode, and enabled), or the storefront's default for the mode. A storefront made after
 * the gateway started has none yet: the environment's account is bootstrapped for it here, so the
 * first payment does not wait for a restart.
 */
export async function chooseAccountForNewPayment(db: Db, env: Env, { storefrontId, mode, accountId }: ChooseAccountOptions): Promise<CollectionAccount> {
  if (accountId !== undefined) {
    const named = await db.collectionAccount.findFirst({ where: { id: accountId, storefrontId, mode, rail: DARAJA_RAIL } });
    if (!named) throw new AppError("invalid_request", `No ${mode === "LIVE" ? "live" : "test"} collection account ${accountId} on this storefront`, { param: "collection_account" });
    if (named.disabled) throw new AppError("invalid_state", `Collection account ${accountId} is disabled`, { param: "collection_account" });
    return named;
  }
  const where = { storefrontId, mode, rail: DARAJA_RAIL, isDefault: true };
  let found = await db.collectionAccount.findFirst({ where });
  if (!found) {
    await ensureEnvironmentAccount(db, env, { storefrontId, mode });
    found = await db.collectionAccount.findFirst({ where });
  }
  if (!found) throw notConfigured(mode);
  return found;
}
