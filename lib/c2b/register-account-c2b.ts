import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { c2bUrlsFor } from "@/lib/rails/c2b-token";
import { darajaConfigForAccount } from "@/lib/collection-accounts/daraja-config-for-account";
import { toView } from "@/lib/collection-accounts/find-collection-accounts";
import type { Db } from "@/lib/db/client";
import type { Env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { CollectionAccount } from "@/lib/generated/prisma/client";
import { requireReason } from "@/lib/payments/require-reason";
import { createDarajaApi, type DarajaApi } from "@/lib/rails/daraja/daraja-api";
import { registerC2bUrls } from "@/lib/rails/daraja/c2b/register-url";

export interface RegisterAccountC2bOptions {
  accountId: string;
  actor: AuditActor;
  reason: string;
  ip?: string | null;
  /** The Daraja API to call (tests); by default the account's own. */
  api?: DarajaApi;
}

/**
 * Registers an account's C2B confirmation and validation URLs with Daraja (ResponseType Completed:
 * when our validation cannot answer in time the payment goes through and arrives as a
 * confirmation). Audited whatever Daraja answers. The simulator and the sandbox accept it again and
 * again; production only once per shortcode — changing the URLs then takes a deletion on the Daraja
 * portal by two org-portal managers, which Daraja's "already registered" answer says here.
 */
export async function registerAccountC2b(db: Db, env: Env, options: RegisterAccountC2bOptions): Promise<CollectionAccount> {
  const reason = requireReason(options.reason);
  const account = await db.collectionAccount.findUnique({ where: { id: options.accountId } });
  if (!account) throw new AppError("not_found", "No such collection account.");
  const config = darajaConfigForAccount(env, account);
  if (!config) throw new AppError("invalid_state", `The ${account.mode.toLowerCase()} Daraja settings are not configured.`);
  const environment = toView(env, account).daraja?.environment ?? "unknown";
  const urls = c2bUrlsFor(env.publicUrl, account.id, env.secrets.callback, account.mode);
  const api = options.api ?? createDarajaApi(config);
  const shortCode = config.tillNumber ?? config.shortcode;
  const result = await registerC2bUrls(api, { shortCode, responseType: "Completed", ...urls });
  const audit = (after: unknown) => recordAudit(db, {
    actor: options.actor, action: "collection_account.c2b_register", entityType: "collection_account", entityId: account.id, reason,
    before: { c2bRegisteredAt: account.c2bRegisteredAt?.toISOString() ?? null }, after: { environment, shortCode, ...(after as object) }, ip: options.ip,
  });
  if (result.kind !== "registered") {
    await audit({ result: result.kind, error: result.error.message });
    if (result.kind === "already_registered") {
      throw new AppError("invalid_state", "Daraja says these C2B URLs are already registered: production registers once per shortcode. To change them, delete them on the Daraja portal (URL Management, two org-portal managers), then register again.");
    }
    throw new AppError(result.kind === "retryable" ? "mpesa_unavailable" : "mpesa_rejected", `Daraja did not register the C2B URLs: ${result.error.message}`);
  }
  const updated = await db.collectionAccount.update({ where: { id: account.id }, data: { c2bRegisteredAt: new Date(), c2bRegisteredBy: options.actor.email } });
  await audit({ result: "registered", responseCode: result.responseCode });
  return updated;
}
