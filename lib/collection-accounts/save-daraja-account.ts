import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { keyHintOf, openDarajaSecrets, sealDarajaSecrets } from "@/lib/collection-accounts/account-secrets";
import { allowedEnvironments, DARAJA_RAIL, darajaSettingsSchema, type DarajaSettings } from "@/lib/collection-accounts/daraja-account-settings";
import type { SaveDarajaAccountInput } from "@/lib/collection-accounts/schemas";
import { accountAuditView } from "@/lib/collection-accounts/account-audit-view";
import type { Db } from "@/lib/db/client";
import { inTransaction } from "@/lib/db/in-transaction";
import type { Env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { CollectionAccount, Prisma } from "@/lib/generated/prisma/client";
import { createId } from "@/lib/ids";

export interface SaveDarajaAccountOptions {
  input: SaveDarajaAccountInput;
  actor: AuditActor;
  ip?: string | null;
  env: Pick<Env, "mode" | "secrets">;
}

/**
 * Adds a Daraja account to a storefront, or edits one an admin added: settings replace the old
 * ones, a secret left empty keeps the stored one, and the change is audited (with which secrets
 * changed, never their values). Editing bumps updated_at, which retires the account's cached
 * client and token. The first account of a mode becomes its default; "make default" moves the
 * default here in the same transaction. Environment accounts are edited in the environment.
 */
export async function saveDarajaAccount(db: Db, { input, actor, ip, env }: SaveDarajaAccountOptions): Promise<CollectionAccount> {
  if (!allowedEnvironments(env, input.mode).includes(input.environment)) {
    throw new AppError("validation_failed", `${input.mode === "LIVE" ? "Live" : "Test"} accounts cannot use that environment on this gateway`, { param: "environment" });
  }
  const settings: DarajaSettings = darajaSettingsSchema.parse({
    environment: input.environment, shortcode: input.shortcode, tillNumber: input.kind === "till" ? (input.tillNumber ?? null) : null,
  });
  return inTransaction(db, async (tx) => {
    const storefront = await tx.storefront.findUnique({ where: { id: input.storefrontId }, select: { id: true } });
    if (!storefront) throw new AppError("not_found", "No such storefront.");
    const before = input.accountId
      ? await tx.collectionAccount.findFirst({ where: { id: input.accountId, storefrontId: input.storefrontId } })
      : null;
    if (input.accountId && !before) throw new AppError("not_found", "No such collection account on this storefront.");
    if (before && before.rail !== DARAJA_RAIL) throw new AppError("validation_failed", "This is not a Daraja account.", { param: "accountId" });
    if (before?.source === "ENVIRONMENT") throw new AppError("invalid_state", "This account is the DARAJA_* environment settings: change them there and restart.");
    if (before && before.mode !== input.mode) throw new AppError("validation_failed", "An account's mode cannot change; add a new account instead.", { param: "mode" });

    const hasDefault = (await tx.collectionAccount.count({ where: { storefrontId: input.storefrontId, mode: input.mode, rail: DARAJA_RAIL, isDefault: true } })) > 0;
    const makeDefault = input.makeDefault || !hasDefault;
    if (makeDefault) {
      await tx.collectionAccount.updateMany({ where: { storefrontId: input.storefrontId, mode: input.mode, rail: DARAJA_RAIL, isDefault: true, NOT: { id: before?.id ?? "" } }, data: { isDefault: false } });
    }
    const secretsChanged = Boolean(input.consumerKey || input.consumerSecret || input.passkey);
    const data = {
      name: input.name,
      settings: settings as Prisma.InputJsonValue,
      ...(makeDefault ? { isDefault: true } : {}),
      ...(secretsChanged ? sealedSecrets(before, input, env.secrets.data) : {}),
      // Whatever changed, the last test says nothing about the account as it is now.
      lastTestedAt: null, lastTestOk: null, lastTestMessage: null,
    };
    const after = before
      ? await tx.collectionAccount.update({ where: { id: before.id }, data })
      : await tx.collectionAccount.create({
          data: { id: createId("acct"), storefrontId: input.storefrontId, mode: input.mode, rail: DARAJA_RAIL, source: "DASHBOARD", ...data },
        });
    await recordAudit(tx, {
      actor, action: before ? "collection_account.update" : "collection_account.create", entityType: "collection_account", entityId: after.id,
      reason: input.reason, before: before ? accountAuditView(before) : null, after: { ...accountAuditView(after), secretsChanged }, ip,
    });
    return after;
  });
}

function sealedSecrets(before: CollectionAccount | null, input: SaveDarajaAccountInput, dataSecret: string) {
  const previous = before?.secretsEncrypted ? openDarajaSecrets(before.secretsEncrypted, dataSecret) : null;
  const secrets = {
    consumerKey: input.consumerKey || previous?.consumerKey || "",
    consumerSecret: input.consumerSecret || previous?.consumerSecret || "",
    passkey: input.passkey || previous?.passkey || "",
  };
  return { secretsEncrypted: sealDarajaSecrets(secrets, dataSecret), keyHint: keyHintOf(secrets.consumerKey) };
}
