import type { Env, VodacomSettings } from "@/lib/env";
import type { CollectionAccount } from "@/lib/generated/prisma/client";
import { openVodacomSecrets } from "@/lib/collection-accounts/vodacom-account-secrets";
import { vodacomEndpointOf, vodacomSettingsSchema } from "@/lib/collection-accounts/vodacom-account-settings";

export type VodacomAccountCredentials = Pick<CollectionAccount, "id" | "mode" | "source" | "settings" | "secretsEncrypted">;

/**
 * The Vodacom settings an account stands for, in the shape the rail's client is built from
 * (lib/rails/vodacom/client-for-mode.ts). An ENVIRONMENT account is the VODACOM_<MODE>_* settings as
 * they are now (null when that mode has none); a DASHBOARD account is its own row, decrypted, with
 * the portal-wide VODACOM_* settings (origin, response mode, session lifetime…) of this gateway.
 */
export function vodacomSettingsForAccount(env: Env, account: VodacomAccountCredentials): VodacomSettings | null {
  if (account.source === "ENVIRONMENT") return account.mode === "LIVE" ? env.vodacom.live : env.vodacom.test;
  if (!account.secretsEncrypted) throw new Error(`Collection account ${account.id} has no stored credentials`);
  const settings = vodacomSettingsSchema.parse(account.settings);
  const secrets = openVodacomSecrets(account.secretsEncrypted, env.secrets.data);
  const endpoint = vodacomEndpointOf(env, settings.environment, account.mode);
  const isSimulator = settings.environment === "simulator";
  return {
    ...env.vodacom.common,
    mode: account.mode === "LIVE" ? "live" : "test",
    market: settings.market,
    environment: endpoint.path,
    baseUrl: endpoint.baseUrl,
    apiKey: secrets.apiKey,
    // The simulator publishes its key; an account against it may leave it out.
    publicKey: secrets.publicKey,
    serviceProviderCode: settings.serviceProviderCode,
    activationDelayMs: isSimulator ? env.vodacom.simulator.activationDelayMs : env.vodacom.common.activationDelayMs,
    isSimulator,
  };
}
