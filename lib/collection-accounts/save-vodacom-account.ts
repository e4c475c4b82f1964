import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { keyHintOf } from "@/lib/collection-accounts/account-secrets";
import { accountAuditView } from "@/lib/collection-accounts/account-audit-view";
import { openVodacomSecrets, sealVodacomSecrets } from "@/lib/collection-accounts/vodacom-account-secrets";
import type { SaveVodacomAccountInput } from "@/lib/collection-accounts/vodacom-account-schemas";
import {
  allowedVodacomEnvironments, currencyOfMarket, VODACOM_RAIL, vodacomPublicKeySchema, vodacomSettingsSchema, type VodacomAccountSettings,
} from "@/lib/collection-accounts/vodacom-account-settings";
import type { Db } from "@/lib/db/client";
import { inTransaction } from "@/lib/db/in-transaction";
import type { Env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { CollectionAccount, Prisma } from "@/lib/generated/prisma/client";
import { createId } from "@/lib/ids";

export interface SaveVodacomAccountOptions {
  input: SaveVodacomAccountInput;
  actor: AuditActor;
  ip?: string | null;
  env: Pick<Env, "mode" | "secrets">;
}

/**
 * Adds a Vodacom M-Pesa OpenAPI account to a storefront, or edits one an admin added, as
 * saveDarajaAccount does for Daraja: settings replace the old ones, a secret left empty keeps the
 * stored one, the change is audited with which secrets changed (never their values), editing bumps
 * updated_at so the account's client and session are made anew, the first account of its rail and
 * mode becomes its default. The market fixes the currency; it cannot change under existing payments.
 */
export async function saveVodacomAccount(db: Db, { input, actor, ip, env }: SaveVodacomAccountOptions): Promise<CollectionAccount> {
  if (!allowedVodacomEnvironments(env, input.mode).includes(input.environment)) {
    throw new AppError("validation_failed", `${input.mode === "LIVE" ? "Live" : "Test"} accounts cannot use that environment on this gateway`, { param: "environment" });
  }
  if (input.publicKey && !vodacomPublicKeySchema.safeParse(input.publicKey).success) {
    throw new AppError("validation_failed", "publicKey: is not an RSA public key (paste it as Vodacom's portal shows it)", { param: "publicKey" });
  }
  const settings: VodacomAccountSettings = vodacomSettingsSchema.parse({ environment: input.environment, market: input.market, serviceProviderCode: input.serviceProviderCode });
  const currency = currencyOfMarket(settings.market);
  return inTransaction(db, async (tx) => {
    const storefront = await tx.storefront.findUnique({ where: { id: input.storefrontId }, select: { id: true } });
    if (!storefront) throw new AppError("not_found", "No such storefront.");
    const before = input.accountId ? await tx.collectionAccount.findFirst({ where: { id: input.accountId, storefrontId: input.storefrontId } }) : null;
    if (input.accountId && !before) throw new AppError("not_found", "No such collection account on this storefront.");
    if (before && before.rail !== VODACOM_RAIL) throw new AppError("validation_failed", "This is not a Vodacom account.", { param: "accountId" });
    if (before?.source === "ENVIRONMENT") throw new AppError("invalid_state", "This account is the VODACOM_* environment settings: change them there and restart.");
    if (before && before.mode !== input.mode) throw new AppError("validation_failed", "An account's mode cannot change; add a new account instead.", { param: "mode" });
    if (before && before.currency !== currency) throw new AppError("validation_failed", "An account's market (and currency) cannot change; add a new account instead.", { param: "market" });

    const previous = before?.secretsEncrypted ? openVodacomSecrets(before.secretsEncrypted, env.secrets.data) : null;
    // The simulator publishes its own key: an account moved onto it from elsewhere reads that one.
    const movedToSimulator = settings.environment === "simulator" && vodacomSettingsSchema.safeParse(before?.settings).data?.environment !== "simulator";
    const keptPublicKey = movedToSimulator ? null : (previous?.publicKey ?? null);
    const secrets = { apiKey: input.apiKey || previous?.apiKey || "", publicKey: input.publicKey || keptPublicKey };
    if (!secrets.publicKey && settings.environment !== "simulator") {
      throw new AppError("validation_failed", "publicKey: is required (the market's public key from Vodacom's portal)", { param: "publicKey" });
    }
    const secretsChanged = Boolean(input.apiKey || input.publicKey) || (previous?.publicKey ?? null) !== secrets.publicKey;

    const hasDefault = (await tx.collectionAccount.count({ where: { storefrontId: input.storefrontId, mode: input.mode, rail: VODACOM_RAIL, isDefault: true } })) > 0;
    const makeDefault = input.makeDefault || !hasDefault;
    if (makeDefault) {
      await tx.collectionAccount.updateMany({ where: { storefrontId: input.storefrontId, mode: input.mode, rail: VODACOM_RAIL, isDefault: true, NOT: { id: before?.id ?? "" } }, data: { isDefault: false } });
    }
    const data = {
      name: input.name,
      settings: settings as Prisma.InputJsonValue,
      ...(makeDefault ? { isDefault: true } : {}),
      ...(secretsChanged || !before ? { secretsEncrypted: sealVodacomSecrets(secrets, env.secrets.data), keyHint: keyHintOf(secrets.apiKey) } : {}),
      // Whatever changed, the last test says nothing about the account as it is now.
      lastTestedAt: null, lastTestOk: null, lastTestMessage: null,
    };
    const after = before
      ? await tx.collectionAccount.update({ where: { id: before.id }, data })
      : await tx.collectionAccount.create({
          data: { id: createId("acct"), storefrontId: input.storefrontId, mode: input.mode, rail: VODACOM_RAIL, currency, source: "DASHBOARD", ...data },
        });
    await recordAudit(tx, {
      actor, action: before ? "collection_account.update" : "collection_account.create", entityType: "collection_account", entityId: after.id,
      reason: input.reason, before: before ? accountAuditView(before) : null, after: { ...accountAuditView(after), secretsChanged }, ip,
    });
    return after;
  });
}
