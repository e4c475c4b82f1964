import type { DarajaConfig, Env } from "@/lib/env";
import type { CollectionAccount } from "@/lib/generated/prisma/client";
import { openDarajaSecrets } from "@/lib/collection-accounts/account-secrets";
import { baseUrlOf, DARAJA_RAIL, darajaSettingsSchema } from "@/lib/collection-accounts/daraja-account-settings";

export type AccountCredentials = Pick<CollectionAccount, "id" | "mode" | "source" | "settings" | "secretsEncrypted" | "updatedAt"> & { rail?: string };

/**
 * The Daraja configuration an account stands for. An ENVIRONMENT account is the DARAJA_<MODE>_*
 * settings as they are now (null when that mode is not configured), so rotating them in the
 * environment takes effect at the next start; a DASHBOARD account is its own row, decrypted. An
 * account of another rail (Vodacom) has no Daraja configuration: null, so Daraja-only features
 * (C2B URLs, Pull) refuse it as not configured rather than misread its settings.
 */
export function darajaConfigForAccount(env: Env, account: AccountCredentials): DarajaConfig | null {
  if (account.rail !== undefined && account.rail !== DARAJA_RAIL) return null;
  if (account.source === "ENVIRONMENT") return account.mode === "LIVE" ? env.daraja.live : env.daraja.test;
  if (!account.secretsEncrypted) throw new Error(`Collection account ${account.id} has no stored credentials`);
  const settings = darajaSettingsSchema.parse(account.settings);
  const secrets = openDarajaSecrets(account.secretsEncrypted, env.secrets.data);
  return {
    mode: account.mode === "LIVE" ? "live" : "test",
    baseUrl: baseUrlOf(env, settings.environment),
    consumerKey: secrets.consumerKey,
    consumerSecret: secrets.consumerSecret,
    shortcode: settings.shortcode,
    passkey: secrets.passkey,
    tillNumber: settings.tillNumber,
    timeoutMs: env.daraja.timeoutMs,
    isSimulator: settings.environment === "simulator",
  };
}
