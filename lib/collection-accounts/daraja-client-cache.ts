import type { DarajaConfig } from "@/lib/env";
import { createDarajaClient, type DarajaClient } from "@/lib/rails/daraja/client";

/**
 * One Daraja client per collection account and process, so requests share its OAuth token cache
 * (Daraja may revoke a token when the same app asks for another). The key is the account's id and
 * its last change: two accounts never share a token, and an edited account gets a fresh client at
 * once. The configuration is part of the key too, because an environment account follows the
 * process's settings. An account's older clients are dropped when a newer one is made.
 */
const holder = globalThis as unknown as { __malipoAccountClients?: Map<string, { key: string; client: DarajaClient }> };

export interface CachedAccount {
  id: string;
  updatedAt: Date;
}

export function darajaClientForAccount(account: CachedAccount, config: DarajaConfig): DarajaClient {
  const key = [account.updatedAt.getTime(), config.baseUrl, config.consumerKey, config.shortcode, config.tillNumber ?? "", config.timeoutMs].join("|");
  holder.__malipoAccountClients ??= new Map();
  const cached = holder.__malipoAccountClients.get(account.id);
  if (cached?.key === key) return cached.client;
  const client = createDarajaClient(config);
  holder.__malipoAccountClients.set(account.id, { key, client });
  return client;
}
