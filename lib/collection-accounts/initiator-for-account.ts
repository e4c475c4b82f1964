import { createHmac } from "node:crypto";
import { darajaConfigForAccount } from "@/lib/collection-accounts/daraja-config-for-account";
import { darajaSettingsSchema } from "@/lib/collection-accounts/daraja-account-settings";
import { decryptSecret } from "@/lib/crypto/secret-box";
import type { DarajaInitiatorConfig, Env } from "@/lib/env";
import type { CollectionAccount } from "@/lib/generated/prisma/client";
import { initiatorCredentials, type InitiatorCredentials } from "@/lib/rails/daraja/initiator/credentials";
import { CertificateError } from "@/lib/rails/daraja/initiator/security-credential";
import { SIMULATOR_CERTIFICATE_PEM } from "@/lib/rails/daraja/simulator/simulator-certificate";

export type InitiatorAccount = Pick<CollectionAccount,
  "id" | "mode" | "source" | "settings" | "secretsEncrypted" | "updatedAt" | "initiatorName" | "initiatorPasswordEncrypted" | "initiatorCertificate" | "initiatorCertificateEnvironment">;

export type AccountInitiator =
  | {
      ok: true;
      credentials: InitiatorCredentials;
      /** An HMAC (under DATA_SECRET) of the name, password and certificate: tells one set of credentials from another, reveals none. */
      fingerprint: string;
    }
  | { ok: false; reason: string };

/**
 * The API operator an account asks Transaction Status (and reversals) as, with its password
 * encrypted into a SecurityCredential. An ENVIRONMENT account's comes from
 * DARAJA_<MODE>_INITIATOR_* (the shared sandbox operator against the simulator); a DASHBOARD
 * account's is its own, decrypted. Against the simulator its published certificate is used;
 * against Safaricom the one saved for the account's environment (the sandbox and production
 * certificates differ, so one saved for the other is refused). Never throws for a missing or
 * broken configuration: it says what is wrong, for the person who asked.
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
  if (account.source === "DASHBOARD" && !config.isSimulator) {
    const environment = darajaSettingsSchema.safeParse(account.settings).data?.environment;
    if (account.initiatorCertificateEnvironment !== environment) {
      return { ok: false, reason: `The initiator's certificate was saved for ${account.initiatorCertificateEnvironment ?? "another environment"}, and the account is now on ${environment}: an admin saves Safaricom's ${environment} certificate with the initiator.` };
    }
  }
  const certificate = config.isSimulator ? SIMULATOR_CERTIFICATE_PEM : initiator.certificate;
  if (!certificate) return { ok: false, reason: "The initiator has no M-Pesa certificate to encrypt its password with: add the certificate Safaricom publishes for this environment." };
  try {
    const credentials = initiatorCredentials({ name: initiator.name, password: initiator.password, certificate });
    const fingerprint = createHmac("sha256", env.secrets.data).update(["initiator", initiator.name, initiator.password, certificate].join("\u0000")).digest("hex");
    return { ok: true, credentials, fingerprint };
  } catch (error) {
    if (error instanceof CertificateError) return { ok: false, reason: `The initiator's certificate cannot be used: ${error.message}` };
    throw error;
  }
}
