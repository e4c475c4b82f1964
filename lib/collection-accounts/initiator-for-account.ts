import { decryptSecret } from "@/lib/crypto/secret-box";
import type { DarajaInitiatorConfig, Env } from "@/lib/env";
import type { CollectionAccount } from "@/lib/generated/prisma/client";
import { initiatorCredentials, type InitiatorCredentials } from "@/lib/rails/daraja/initiator/credentials";
import { CertificateError } from "@/lib/rails/daraja/initiator/security-credential";
import { SIMULATOR_CERTIFICATE_PEM } from "@/lib/rails/daraja/simulator/security-keys";
import { darajaConfigForAccount } from "@/lib/collection-accounts/daraja-config-for-account";

export type InitiatorAccount = Pick<CollectionAccount,
  "id" | "mode" | "source" | "settings" | "secretsEncrypted" | "updatedAt" | "initiatorName" | "initiatorPasswordEncrypted" | "initiatorCertificate">;

export type AccountInitiator = { ok: true; credentials: InitiatorCredentials } | { ok: false; reason: string };

/**
 * The API operator an account asks Transaction Status as, with its password encrypted into a
 * SecurityCredential. An ENVIRONMENT account's comes from DARAJA_<MODE>_INITIATOR_* (the shared
 * sandbox operator against the simulator); a DASHBOARD account's is its own, decrypted. Against
 * the simulator the simulator's published certificate is used; against Safaricom the one
 * configured (Safaricom's sandbox and production certificates differ). Never throws for a missing
 * or broken configuration: it says what is wrong, for the person who asked.
 */
export function initiatorForAccount(env: Env, account: InitiatorAccount): AccountInitiator {
  const config = darajaConfigForAccount(env, account);
  if (!config) return { ok: false, reason: `The ${account.mode.toLowerCase()} Daraja settings are not configured on this gateway.` };
  const initiator: DarajaInitiatorConfig | null = account.source === "ENVIRONMENT" ? (config.initiator ?? null)
    : account.initiatorName && account.initiatorPasswordEncrypted
      ? { name: account.initiatorName, password: decryptSecret(account.initiatorPasswordEncrypted, env.secrets.data), certificate: account.initiatorCertificate }
      : null;
  if (!initiator) {
    return { ok: false, reason: account.source === "ENVIRONMENT"
      ? `No initiator is configured for this account: set DARAJA_${account.mode}_INITIATOR_NAME, _PASSWORD and _CERTIFICATE.`
      : "No initiator is configured for this account: an admin adds one on the storefront's collection accounts page." };
  }
  const certificate = config.isSimulator ? SIMULATOR_CERTIFICATE_PEM : initiator.certificate;
  if (!certificate) return { ok: false, reason: "The initiator has no M-Pesa certificate to encrypt its password with: add the certificate Safaricom publishes for this environment." };
  try {
    return { ok: true, credentials: initiatorCredentials({ name: initiator.name, password: initiator.password, certificate }) };
  } catch (error) {
    if (error instanceof CertificateError) return { ok: false, reason: `The initiator's certificate cannot be used: ${error.message}` };
    throw error;
  }
}
