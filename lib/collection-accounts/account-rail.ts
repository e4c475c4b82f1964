import { darajaClientForAccount } from "@/lib/collection-accounts/daraja-client-cache";
import { darajaConfigForAccount } from "@/lib/collection-accounts/daraja-config-for-account";
import { VODACOM_RAIL } from "@/lib/collection-accounts/vodacom-account-settings";
import { vodacomSettingsForAccount } from "@/lib/collection-accounts/vodacom-settings-for-account";
import type { Env } from "@/lib/env";
import type { CollectionAccount } from "@/lib/generated/prisma/client";
import { darajaStkRail } from "@/lib/rails/daraja/stk-rail";
import type { Rail } from "@/lib/rails/rail";
import { vodacomC2bRail } from "@/lib/rails/vodacom/c2b-rail";
import { vodacomClientForSettings } from "@/lib/rails/vodacom/client-for-mode";

export type RailAccount = Pick<CollectionAccount, "id" | "mode" | "rail" | "source" | "settings" | "secretsEncrypted" | "updatedAt">;

/** A collection account's rail, with what its status queries are counted and timed by. */
export interface AccountRail {
  rail: Rail;
  /** The provider-side account its query rate is shared under (Daraja: the shortcode; Vodacom: the service provider code). */
  rateAccount: string;
  timeoutMs: number;
}

/**
 * The one place an account becomes a rail, whatever its kind: Daraja STK over the account's own
 * Daraja client (and OAuth token), or Vodacom C2B over the client of the account's settings (and
 * session). Null when the account is an environment account whose settings are gone.
 */
export function railForAccount(env: Env, account: RailAccount): AccountRail | null {
  const railSettings = { publicUrl: env.publicUrl, callbackSecret: env.secrets.callback };
  if (account.rail === VODACOM_RAIL) {
    const settings = vodacomSettingsForAccount(env, account);
    if (!settings) return null;
    const rail = vodacomC2bRail(vodacomClientForSettings(settings), { market: settings.market, environment: settings.environment, ...railSettings });
    return { rail, rateAccount: `vodacom:${settings.serviceProviderCode}`, timeoutMs: settings.timeoutMs };
  }
  const config = darajaConfigForAccount(env, account);
  if (!config) return null;
  const client = darajaClientForAccount({ id: account.id, updatedAt: account.updatedAt }, config);
  return { rail: darajaStkRail(client, railSettings), rateAccount: config.shortcode, timeoutMs: config.timeoutMs };
}
