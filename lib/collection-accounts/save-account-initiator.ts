import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import type { SaveInitiatorInput } from "@/lib/collection-accounts/initiator-schemas";
import { darajaSettingsSchema, DARAJA_RAIL } from "@/lib/collection-accounts/daraja-account-settings";
import { encryptSecret } from "@/lib/crypto/secret-box";
import type { Db } from "@/lib/db/client";
import { inTransaction } from "@/lib/db/in-transaction";
import type { Env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { CollectionAccount } from "@/lib/generated/prisma/client";
import { CertificateError, readEncryptionKey } from "@/lib/rails/daraja/initiator/security-credential";

export interface SaveAccountInitiatorOptions {
  input: SaveInitiatorInput;
  actor: AuditActor;
  ip?: string | null;
  now: Date;
  env: Pick<Env, "secrets">;
}

/**
 * Sets the API operator ("initiator") a dashboard account asks Transaction Status as: its name,
 * its password sealed with DATA_SECRET, and, outside the simulator, Safaricom's certificate for the
 * account's environment, checked to be a usable public key before it is kept. An empty password or
 * certificate keeps the stored one. Audited with the name and which secrets changed, never a value.
 */
export async function saveAccountInitiator(db: Db, { input, actor, ip, now, env }: SaveAccountInitiatorOptions): Promise<CollectionAccount> {
  if (input.certificate) {
    try {
      readEncryptionKey(input.certificate);
    } catch (error) {
      if (error instanceof CertificateError) throw new AppError("validation_failed", error.message, { param: "certificate" });
      throw error;
    }
  }
  return inTransaction(db, async (tx) => {
    const before = await tx.collectionAccount.findFirst({ where: { id: input.accountId, storefrontId: input.storefrontId } });
    if (!before) throw new AppError("not_found", "No such collection account on this storefront.");
    if (before.rail !== DARAJA_RAIL) throw new AppError("invalid_state", "Transaction Status is a Daraja API: only Daraja accounts have an initiator.");
    if (before.source === "ENVIRONMENT") throw new AppError("invalid_state", `This account is the DARAJA_${before.mode}_* environment settings: set DARAJA_${before.mode}_INITIATOR_* there and restart.`);
    const environment = darajaSettingsSchema.safeParse(before.settings).data?.environment;
    if (!input.initiatorPassword && !before.initiatorPasswordEncrypted) throw new AppError("validation_failed", "Enter the initiator's password", { param: "initiatorPassword" });
    if (environment !== "simulator" && !input.certificate && (!before.initiatorCertificate || before.initiatorCertificateEnvironment !== environment)) {
      throw new AppError("validation_failed", "Paste Safaricom's certificate for this environment (its sandbox and production certificates differ)", { param: "certificate" });
    }
    const after = await tx.collectionAccount.update({
      where: { id: before.id },
      data: {
        initiatorName: input.initiatorName,
        ...(input.initiatorPassword ? { initiatorPasswordEncrypted: encryptSecret(input.initiatorPassword, env.secrets.data) } : {}),
        ...(input.certificate ? { initiatorCertificate: input.certificate, initiatorCertificateEnvironment: environment ?? null } : {}),
        initiatorUpdatedAt: now,
        initiatorUpdatedBy: actor.email,
      },
    });
    await recordAudit(tx, {
      actor, action: "collection_account.initiator_set", entityType: "collection_account", entityId: before.id, reason: input.reason, ip,
      before: { initiatorName: before.initiatorName },
      after: { initiatorName: after.initiatorName, passwordChanged: Boolean(input.initiatorPassword), certificateChanged: Boolean(input.certificate) },
    });
    return after;
  });
}
