import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { darajaConfigForAccount } from "@/lib/collection-accounts/daraja-config-for-account";
import { testVodacomConnection } from "@/lib/collection-accounts/test-vodacom-connection";
import { VODACOM_RAIL } from "@/lib/collection-accounts/vodacom-account-settings";
import type { Db } from "@/lib/db/client";
import type { Env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { createLogger } from "@/lib/logger";
import { DarajaError } from "@/lib/rails/daraja/errors";
import { createTokenProvider } from "@/lib/rails/daraja/oauth";

export interface TestAccountConnectionOptions {
  storefrontId: string;
  accountId: string;
  actor: AuditActor;
  ip?: string | null;
  env: Env;
  fetch?: typeof fetch;
  now?: () => Date;
}

export interface ConnectionTestResult {
  ok: boolean;
  message: string;
  testedAt: Date;
}

/**
 * "Test connection": for a Vodacom account a session handshake, for a Daraja one a real OAuth call with the account's consumer key and secret against its
 * environment, by a fresh token provider (a cached token would prove nothing about the credentials
 * as they are now). OAuth checks only the key and secret; the shortcode and passkey are first
 * checked by Daraja at a push. The result is kept on the row (without touching updated_at, so the
 * account's cached client keeps its token) and in the audit log.
 */
export async function testAccountConnection(db: Db, options: TestAccountConnectionOptions): Promise<ConnectionTestResult> {
  const { env, storefrontId, accountId } = options;
  const account = await db.collectionAccount.findFirst({ where: { id: accountId, storefrontId } });
  if (!account) throw new AppError("not_found", "No such collection account on this storefront.");
  const now = options.now ?? (() => new Date());
  // A Vodacom account's test is a session handshake (test-vodacom-connection.ts).
  const vodacom = account.rail === VODACOM_RAIL ? await testVodacomConnection(env, account, { fetch: options.fetch, now }) : null;
  const config = vodacom ? null : darajaConfigForAccount(env, account);
  let ok = false;
  let message: string;
  if (vodacom) {
    ({ ok, message } = vodacom);
  } else if (!config) {
    message = `The DARAJA_${account.mode}_* settings are not configured on this gateway.`;
  } else {
    try {
      const tokens = createTokenProvider(config, { fetch: options.fetch ?? globalThis.fetch, now, logger: createLogger("collection-accounts", { accountId }) });
      await tokens.getAccessToken();
      ok = true;
      message = `Daraja at ${config.baseUrl} issued an access token for these credentials.`;
    } catch (error) {
      message = error instanceof DarajaError ? error.message : "The OAuth call failed unexpectedly.";
      if (!(error instanceof DarajaError)) createLogger("collection-accounts").error({ err: error, accountId }, "connection test failed");
    }
  }
  const testedAt = now();
  await db.$executeRaw`UPDATE collection_accounts SET last_tested_at = ${testedAt}, last_test_ok = ${ok}, last_test_message = ${message} WHERE id = ${accountId}`;
  await recordAudit(db, {
    actor: options.actor, action: "collection_account.test", entityType: "collection_account", entityId: accountId,
    after: { ok, message }, ip: options.ip,
  });
  return { ok, message, testedAt };
}
