import { z } from "zod";
import type { Env } from "@/lib/env";
import type { Mode } from "@/lib/generated/prisma/client";

/**
 * What a Daraja (STK Push) collection account holds. The environment is a choice, not a URL an
 * admin types, so "test connection" and every push can only reach Safaricom or this gateway's own
 * simulator (no request forgery into the internal network). A till account names its store number
 * as the shortcode (BusinessShortCode) and the till (PartyB, Buy Goods); a paybill has no till.
 */

export const DARAJA_RAIL = "daraja_stk";

export const DARAJA_ENVIRONMENTS = ["production", "sandbox", "simulator"] as const;
export type DarajaEnvironment = (typeof DARAJA_ENVIRONMENTS)[number];

export const DARAJA_ENVIRONMENT_LABELS: Record<DarajaEnvironment, string> = {
  production: "Safaricom production (api.safaricom.co.ke)",
  sandbox: "Safaricom sandbox (sandbox.safaricom.co.ke)",
  simulator: "This gateway's Daraja simulator",
};

const SAFARICOM_BASE_URLS = { production: "https://api.safaricom.co.ke", sandbox: "https://sandbox.safaricom.co.ke" } as const;

export const shortcodeSchema = z.string().trim().regex(/^\d{5,7}$/, "must be 5 to 7 digits");
export const tillNumberSchema = z.string().trim().regex(/^\d{5,8}$/, "must be 5 to 8 digits");

/** The non-secret settings, stored as the row's `settings` JSON. */
export const darajaSettingsSchema = z.strictObject({
  environment: z.enum(DARAJA_ENVIRONMENTS),
  shortcode: shortcodeSchema,
  tillNumber: tillNumberSchema.nullable(),
});
export type DarajaSettings = z.infer<typeof darajaSettingsSchema>;

/** The secrets, stored encrypted as one JSON object. */
export const darajaSecretsSchema = z.strictObject({
  consumerKey: z.string().trim().min(1, "is required").max(200),
  consumerSecret: z.string().trim().min(1, "is required").max(200),
  passkey: z.string().trim().min(1, "is required").max(200),
});
export type DarajaSecrets = z.infer<typeof darajaSecretsSchema>;

/**
 * Which environments an account of `mode` may use on this gateway: live money only against
 * Safaricom production and never in demo mode (it prints shared logins, as lib/env.ts refuses live
 * credentials there), the sandbox only for test payments, the simulator wherever the gateway allows
 * it (not in production).
 */
export function allowedEnvironments(env: Pick<Env, "mode">, mode: Mode): DarajaEnvironment[] {
  const out: DarajaEnvironment[] = [];
  if (mode === "LIVE" && env.mode !== "demo") out.push("production");
  if (mode === "TEST") out.push("sandbox");
  if (env.mode !== "production") out.push("simulator");
  return out;
}

/** Where an environment's Daraja API is: the simulator's address is this gateway's own setting. */
export function baseUrlOf(env: Pick<Env, "simulator">, environment: DarajaEnvironment): string {
  return environment === "simulator" ? env.simulator.url : SAFARICOM_BASE_URLS[environment];
}
