import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { darajaConfigForAccount } from "@/lib/collection-accounts/daraja-config-for-account";
import { DARAJA_RAIL } from "@/lib/collection-accounts/daraja-account-settings";
import { toView } from "@/lib/collection-accounts/find-collection-accounts";
import type { Db } from "@/lib/db/client";
import type { Env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { CollectionAccount } from "@/lib/generated/prisma/client";
import { maskPhone } from "@/lib/logger";
import { requireReason } from "@/lib/payments/require-reason";
import { c2bUrlsFor } from "@/lib/rails/c2b-token";
import { createDarajaApi, type DarajaApi } from "@/lib/rails/daraja/daraja-api";
import { registerPullTransactions } from "@/lib/rails/daraja/pull/register";
import { nominatedNumberField } from "@/lib/ledger/pull/schemas";

export interface RegisterAccountPullOptions {
  accountId: string;
  actor: AuditActor;
  reason: string;
  /** The shortcode's KYC number; by default the one the account nominated before, else LEDGER_PULL_NOMINATED_NUMBER. */
  nominatedNumber?: string;
  ip?: string | null;
  /** The Daraja API to call (tests); by default the account's own. */
  api?: DarajaApi;
}

/**
 * Registers an account's shortcode for Pull Transactions, audited whatever Daraja answers. From
 * then on the worker pulls it (lib/ledger/pull/pull-account.ts). Production registers once per
 * shortcode (every later call answers "already registered", which is a success here); the sandbox
 * and the simulator accept it freely. Pull's CallBackURL is required but what is ever POSTed to it
 * is undocumented, so it names the account's C2B confirmation URL: whatever arrives there is stored
 * raw first and refused if unreadable, never acted on blindly.
 */
export async function registerAccountPull(db: Db, env: Env, options: RegisterAccountPullOptions): Promise<CollectionAccount> {
  const reason = requireReason(options.reason);
  const account = await db.collectionAccount.findUnique({ where: { id: options.accountId } });
  if (!account) throw new AppError("not_found", "No such collection account.");
  if (account.rail !== DARAJA_RAIL) throw new AppError("invalid_state", "Pull Transactions is a Daraja API: only Daraja accounts can register for it.");
  const config = darajaConfigForAccount(env, account);
  if (!config) throw new AppError("invalid_state", `The ${account.mode.toLowerCase()} Daraja settings are not configured.`);
  const given = nominatedNumberField.safeParse(options.nominatedNumber);
  if (!given.success) throw new AppError("validation_failed", given.error.issues[0]?.message ?? "Invalid nominated number", { param: "nominatedNumber" });
  const nominatedNumber = given.data ?? account.pullNominatedNumber ?? env.ledgerPull.nominatedNumber;
  if (!nominatedNumber) {
    throw new AppError("validation_failed", "Enter the shortcode's nominated KYC number (or set LEDGER_PULL_NOMINATED_NUMBER).", { param: "nominatedNumber" });
  }
  const environment = toView(env, account).daraja?.environment ?? "unknown";
  const shortCode = config.tillNumber ?? config.shortcode;
  const callbackUrl = c2bUrlsFor(env.publicUrl, account.id, env.secrets.callback, account.mode).confirmationUrl;
  const api = options.api ?? createDarajaApi(config);
  const result = await registerPullTransactions(api, { shortCode, nominatedNumber, callbackUrl });
  const audit = (after: object) => recordAudit(db, {
    actor: options.actor, action: "collection_account.pull_register", entityType: "collection_account", entityId: account.id, reason, ip: options.ip,
    before: { pullRegisteredAt: account.pullRegisteredAt?.toISOString() ?? null },
    after: { environment, shortCode, nominatedNumber: maskPhone(nominatedNumber), ...after },
  });
  if (result.kind !== "registered") {
    await audit({ result: result.kind, error: result.error.message });
    throw new AppError(result.kind === "retryable" ? "mpesa_unavailable" : "mpesa_rejected", `Daraja did not register the shortcode for Pull Transactions: ${result.error.message}`);
  }
  const updated = await db.collectionAccount.update({
    where: { id: account.id }, data: { pullRegisteredAt: new Date(), pullRegisteredBy: options.actor.email, pullNominatedNumber: nominatedNumber },
  });
  await audit({ result: "registered", alreadyRegistered: result.alreadyRegistered, description: result.description });
  return updated;
}
