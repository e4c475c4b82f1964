import { darajaConfigForAccount } from "@/lib/collection-accounts/daraja-config-for-account";
import { DARAJA_RAIL } from "@/lib/collection-accounts/daraja-account-settings";
import type { Env } from "@/lib/env";
import type { CollectionAccount } from "@/lib/generated/prisma/client";

export type B2cAccount = Pick<CollectionAccount, "id" | "mode" | "source" | "rail" | "settings" | "secretsEncrypted" | "updatedAt" | "b2cShortcode">;

/**
 * The B2C shortcode an account pays partial refunds from, or null when it has none (then refunds
 * are whole, by Reversal). A DASHBOARD account's is saved on it by an admin; an ENVIRONMENT
 * account's is DARAJA_<MODE>_B2C_SHORTCODE (against the simulator, its collection shortcode by
 * default). The payment is made as the account's initiator, so that operator must hold the B2C
 * role on this shortcode: Daraja refuses it otherwise, and the refund fails in its words.
 */
export function b2cShortcodeForAccount(env: Env, account: B2cAccount): string | null {
  if (account.rail !== DARAJA_RAIL) return null;
  if (account.source === "DASHBOARD") return account.b2cShortcode;
  return darajaConfigForAccount(env, account)?.b2cShortcode ?? null;
}
