import type { VodacomAccountCredentials } from "@/lib/collection-accounts/vodacom-settings-for-account";
import { vodacomSettingsForAccount } from "@/lib/collection-accounts/vodacom-settings-for-account";
import type { Env } from "@/lib/env";
import { createLogger } from "@/lib/logger";
import { vodacomClientSource } from "@/lib/rails/vodacom/client-for-mode";
import { VodacomError } from "@/lib/rails/vodacom/errors";

/**
 * A Vodacom account's "test connection": a real session handshake (getSession with the API key
 * encrypted under the market's public key) against the account's environment, on a fresh client so
 * a cached session proves nothing. It does not wait out the activation delay: Vodacom's INS-0
 * answer already says the key and public key are right. The service provider code is first checked
 * by a payment.
 */
export async function testVodacomConnection(env: Env, account: VodacomAccountCredentials, deps: { fetch?: typeof fetch; now?: () => Date } = {}): Promise<{ ok: boolean; message: string }> {
  const settings = vodacomSettingsForAccount(env, account);
  if (!settings) return { ok: false, message: `The VODACOM_${account.mode}_* settings are not configured on this gateway.` };
  const logger = createLogger("collection-accounts", { accountId: account.id });
  try {
    const client = await vodacomClientSource(settings, { fetch: deps.fetch ?? globalThis.fetch, now: deps.now, sleep: async () => undefined, logger })();
    await client.getSession();
    return { ok: true, message: `Vodacom at ${settings.baseUrl} (${settings.environment}, ${settings.market}) opened a session for this API key.` };
  } catch (error) {
    if (error instanceof VodacomError) return { ok: false, message: error.message };
    // A public key the client cannot use is a configuration problem the admin can fix.
    if (error instanceof TypeError) return { ok: false, message: error.message };
    logger.error({ err: error }, "Vodacom connection test failed");
    return { ok: false, message: "The session handshake failed unexpectedly." };
  }
}
