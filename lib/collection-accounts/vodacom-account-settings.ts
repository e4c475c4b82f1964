import { z } from "zod";
import type { Env } from "@/lib/env";
import type { Mode } from "@/lib/generated/prisma/client";
import { VODACOM_MARKETS, type VodacomMarketCode } from "@/lib/rails/vodacom/markets";
import { readVodacomPublicKey } from "@/lib/rails/vodacom/rsa";
import { SERVICE_PROVIDER_CODE } from "@/lib/rails/vodacom/validation";

/**
 * What a Vodacom M-Pesa OpenAPI (vodacom_c2b) collection account holds. As for Daraja accounts the
 * environment is a choice, never a URL an admin types, so "test connection" and every push can
 * only reach Vodacom's OpenAPI host or this gateway's own Vodacom simulator. The market decides the
 * currency (Tanzania: TZS) and the phone numbers the account takes.
 */

export const VODACOM_RAIL = "vodacom_c2b";

export const VODACOM_ENVIRONMENTS = ["production", "sandbox", "simulator"] as const;
export type VodacomAccountEnvironment = (typeof VODACOM_ENVIRONMENTS)[number];

export const VODACOM_ENVIRONMENT_LABELS: Record<VodacomAccountEnvironment, string> = {
  production: "Vodacom production (openapi.m-pesa.com/openapi)",
  sandbox: "Vodacom sandbox (openapi.m-pesa.com/sandbox)",
  simulator: "This gateway's Vodacom simulator",
};

const OPENAPI_HOST = "https://openapi.m-pesa.com";
const MARKET_CODES = Object.keys(VODACOM_MARKETS) as [VodacomMarketCode, ...VodacomMarketCode[]];

export const serviceProviderCodeSchema = z.string().trim().regex(SERVICE_PROVIDER_CODE, "must be 4 to 12 letters or digits");

/** The non-secret settings, stored as the row's `settings` JSON. */
export const vodacomSettingsSchema = z.strictObject({
  environment: z.enum(VODACOM_ENVIRONMENTS),
  market: z.enum(MARKET_CODES),
  serviceProviderCode: serviceProviderCodeSchema,
});
export type VodacomAccountSettings = z.infer<typeof vodacomSettingsSchema>;

/** A public key the client can read (base64 DER as the portal shows it, or PEM). */
export const vodacomPublicKeySchema = z.string().trim().max(4000).refine((key) => {
  try {
    readVodacomPublicKey(key);
    return true;
  } catch {
    return false;
  }
}, "is not an RSA public key (paste it as the portal shows it)");

/**
 * The secrets, stored encrypted as one JSON object. The simulator publishes its public key, so a
 * simulator account may leave it empty (null: read from the simulator at first use).
 */
export const vodacomSecretsSchema = z.strictObject({
  apiKey: z.string().trim().min(1, "is required").max(200),
  publicKey: vodacomPublicKeySchema.nullable(),
});
export type VodacomSecrets = z.infer<typeof vodacomSecretsSchema>;

/** Which environments a Vodacom account of `mode` may use: the same rules as Daraja's (daraja-account-settings.ts). */
export function allowedVodacomEnvironments(env: Pick<Env, "mode">, mode: Mode): VodacomAccountEnvironment[] {
  const out: VodacomAccountEnvironment[] = [];
  if (mode === "LIVE" && env.mode !== "demo") out.push("production");
  if (mode === "TEST") out.push("sandbox");
  if (env.mode !== "production") out.push("simulator");
  return out;
}

/**
 * Where an environment's OpenAPI is and which path it takes: Vodacom's host with `openapi` or
 * `sandbox`; the simulator (this gateway's own setting) answers both, `sandbox` for test accounts
 * so the sandbox's test numbers work there too.
 */
export function vodacomEndpointOf(env: Pick<Env, "vodacom">, environment: VodacomAccountEnvironment, mode: Mode): { baseUrl: string; path: "sandbox" | "openapi" } {
  if (environment === "simulator") return { baseUrl: env.vodacom.simulator.url, path: mode === "LIVE" ? "openapi" : "sandbox" };
  return { baseUrl: OPENAPI_HOST, path: environment === "production" ? "openapi" : "sandbox" };
}

/** The currency of a market's payments. */
export function currencyOfMarket(market: VodacomMarketCode): string {
  return VODACOM_MARKETS[market].currency;
}
