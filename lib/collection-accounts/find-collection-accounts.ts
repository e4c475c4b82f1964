import { b2cShortcodeForAccount } from "@/lib/collection-accounts/b2c-shortcode-for-account";
import { DARAJA_RAIL, darajaSettingsSchema, type DarajaSettings } from "@/lib/collection-accounts/daraja-account-settings";
import { VODACOM_RAIL, vodacomSettingsSchema, type VodacomAccountSettings } from "@/lib/collection-accounts/vodacom-account-settings";
import type { Db } from "@/lib/db/client";
import { vodacomResultUrl } from "@/lib/rails/vodacom/c2b-rail";
import type { Env } from "@/lib/env";
import type { CollectionAccount } from "@/lib/generated/prisma/client";

/** An account as the dashboard shows it: settings, the consumer key's last four characters, never a secret. */
export interface CollectionAccountView {
  id: string;
  storefrontId: string;
  mode: CollectionAccount["mode"];
  rail: string;
  name: string;
  currency: string;
  source: CollectionAccount["source"];
  /** Paybill or till, shortcode and till, environment; for an environment account, as configured now (null: not configured). */
  daraja: (DarajaSettings & { baseUrl?: string }) | null;
  /** A Vodacom account's environment, market and service provider code; null for other rails or when not configured. */
  vodacom: (VodacomAccountSettings & { baseUrl?: string }) | null;
  /** Vodacom's asynchronous form: the response URL to enter in Vodacom's portal (its token is a secret: admins only). */
  vodacomResultUrl: string | null;
  keyHint: string | null;
  isDefault: boolean;
  disabled: boolean;
  lastTestedAt: Date | null;
  lastTestOk: boolean | null;
  lastTestMessage: string | null;
  /** When an admin last registered its C2B URLs with Daraja, and who. */
  c2bRegisteredAt: Date | null;
  c2bRegisteredBy: string | null;
  /** When an admin last registered its shortcode for Pull Transactions, who, and the KYC number nominated. */
  pullRegisteredAt: Date | null;
  pullRegisteredBy: string | null;
  pullNominatedNumber: string | null;
  /** The API operator Transaction Status is asked as (its name only), or null when none is set. */
  initiator: { name: string; updatedAt: Date | null; updatedBy: string | null } | null;
  /** The B2C shortcode partial refunds are paid from (null: none, refunds are whole), and for a dashboard account who set it when. */
  b2c: { shortcode: string | null; updatedAt: Date | null; updatedBy: string | null };
  createdAt: Date;
  updatedAt: Date;
}

/** A storefront's accounts (all storefronts' when none is named), defaults first, for admin pages. */
export async function findCollectionAccounts(db: Db, env: Env, { storefrontId }: { storefrontId?: string } = {}): Promise<CollectionAccountView[]> {
  const rows = await db.collectionAccount.findMany({
    where: storefrontId ? { storefrontId } : {},
    orderBy: [{ mode: "asc" }, { isDefault: "desc" }, { createdAt: "asc" }],
  });
  return rows.map((a) => toView(env, a));
}

export function toView(env: Env, a: CollectionAccount): CollectionAccountView {
  const {
    secretsEncrypted: _sealed, settings, pullLeaseUntil: _lease, initiatorName, initiatorPasswordEncrypted: _password,
    initiatorCertificate: _certificate, initiatorCertificateEnvironment: _certificateEnvironment, initiatorUpdatedAt, initiatorUpdatedBy,
    b2cShortcode: _b2cShortcode, b2cUpdatedAt, b2cUpdatedBy, ...rest
  } = a;
  const environmentInitiator = a.source === "ENVIRONMENT" && a.rail === DARAJA_RAIL ? (a.mode === "LIVE" ? env.daraja.live : env.daraja.test)?.initiator : null;
  const initiatorName_ = a.source === "ENVIRONMENT" ? (environmentInitiator?.name ?? null) : initiatorName;
  return {
    ...rest,
    daraja: a.rail === DARAJA_RAIL ? darajaView(env, a.source, a.mode, settings) : null,
    vodacom: a.rail === VODACOM_RAIL ? vodacomView(env, a.source, a.mode, settings) : null,
    vodacomResultUrl: a.rail === VODACOM_RAIL ? vodacomResultUrl(env.publicUrl, env.secrets.callback, a.mode) : null,
    initiator: initiatorName_ ? { name: initiatorName_, updatedAt: initiatorUpdatedAt, updatedBy: initiatorUpdatedBy } : null,
    b2c: { shortcode: b2cShortcodeForAccount(env, a), updatedAt: b2cUpdatedAt, updatedBy: b2cUpdatedBy },
  };
}

function vodacomView(env: Env, source: CollectionAccount["source"], mode: CollectionAccount["mode"], settings: unknown) {
  if (source === "DASHBOARD") {
    const parsed = vodacomSettingsSchema.safeParse(settings);
    return parsed.success ? parsed.data : null;
  }
  const config = mode === "LIVE" ? env.vodacom.live : env.vodacom.test;
  if (!config) return null;
  const environment = config.isSimulator ? "simulator" : config.environment === "sandbox" ? "sandbox" : "production";
  return { environment, market: config.market, serviceProviderCode: config.serviceProviderCode, baseUrl: config.baseUrl } as const;
}

function darajaView(env: Env, source: CollectionAccount["source"], mode: CollectionAccount["mode"], settings: unknown) {
  if (source === "DASHBOARD") {
    const parsed = darajaSettingsSchema.safeParse(settings);
    return parsed.success ? parsed.data : null;
  }
  const config = mode === "LIVE" ? env.daraja.live : env.daraja.test;
  if (!config) return null;
  const environment = config.isSimulator ? "simulator" : config.baseUrl.includes("sandbox") ? "sandbox" : "production";
  return { environment, shortcode: config.shortcode, tillNumber: config.tillNumber, baseUrl: config.baseUrl } as const;
}
