import type { KeyObject } from "node:crypto";
import { z } from "zod";
import { VODACOM_MARKETS, type VodacomMarket, type VodacomMarketCode } from "./markets";
import { readVodacomPublicKey } from "./rsa";
import { SERVICE_PROVIDER_CODE } from "./validation";

/**
 * Everything one Vodacom collection account needs, as a plain object: the caller (a rail, a test,
 * a collection account row) decides where the values come from. Nothing here reads the environment.
 */
export interface VodacomConfigInput {
  /** Default TZN (Vodacom Tanzania). */
  market?: VodacomMarketCode;
  /** `sandbox` or `openapi` (production), the path segment after the host. Default sandbox. */
  environment?: "sandbox" | "openapi";
  /** Default `https://openapi.m-pesa.com`; the simulator's URL in development and tests. */
  baseUrl?: string;
  /** The app's API key from the portal (a secret). */
  apiKey: string;
  /** The market's public key: base64 DER SubjectPublicKeyInfo as the portal shows it, or PEM. */
  publicKey: string;
  serviceProviderCode: string;
  /** The `Origin` header; must match the app's trusted sources. Default `*`. */
  origin?: string;
  /** `sync`: the payment call blocks until the customer answers; `async`: results are posted to the app's URL. */
  responseMode?: "sync" | "async";
  /** The session lifetime configured for the app in the portal. Default one hour. */
  sessionLifetimeMs?: number;
  /** How long a new session takes to become live. Default 30 s (Vodacom's own sample waits that long). */
  activationDelayMs?: number;
  /** The single-transaction limit configured for the account, in minor units; null = no check of ours. */
  maxAmount?: number | null;
  timeouts?: Partial<VodacomTimeouts>;
}

export interface VodacomTimeouts {
  sessionMs: number;
  /** Must be longer than Vodacom waits for the PIN: a timeout leaves the payment's outcome unknown. */
  c2bMs: number;
  queryMs: number;
  reversalMs: number;
}

export interface VodacomConfig {
  market: VodacomMarket;
  environment: "sandbox" | "openapi";
  baseUrl: string;
  apiKey: string;
  publicKey: KeyObject;
  serviceProviderCode: string;
  origin: string;
  responseMode: "sync" | "async";
  sessionLifetimeMs: number;
  activationDelayMs: number;
  maxAmount: number | null;
  timeouts: VodacomTimeouts;
}

const duration = z.number().int().min(0).max(24 * 60 * 60 * 1000);
const positiveDuration = duration.min(1);

const schema = z.object({
  market: z.enum(Object.keys(VODACOM_MARKETS) as [VodacomMarketCode, ...VodacomMarketCode[]], { message: `must be one of ${Object.keys(VODACOM_MARKETS).join(", ")}` }).default("TZN"),
  environment: z.enum(["sandbox", "openapi"]).default("sandbox"),
  baseUrl: z.string().refine((v) => URL.canParse(v) && /^https?:$/.test(new URL(v).protocol), "must be an http(s) URL").default("https://openapi.m-pesa.com"),
  apiKey: z.string().trim().min(1, "is required"),
  publicKey: z.string().min(1, "is required"),
  serviceProviderCode: z.string().regex(SERVICE_PROVIDER_CODE, "must be 4 to 12 letters or digits"),
  origin: z.string().trim().min(1).refine((v) => !/[\r\n]/.test(v), "must be one line").default("*"),
  responseMode: z.enum(["sync", "async"]).default("sync"),
  sessionLifetimeMs: positiveDuration.default(60 * 60 * 1000),
  activationDelayMs: duration.default(30_000),
  maxAmount: z.number().int().positive().nullable().default(null),
  timeouts: z.object({
    sessionMs: positiveDuration.optional(),
    c2bMs: positiveDuration.optional(),
    queryMs: positiveDuration.optional(),
    reversalMs: positiveDuration.optional(),
  }).default({}),
});

/** Validates and completes a configuration; throws a TypeError naming every problem (secrets never shown). */
export function resolveVodacomConfig(input: VodacomConfigInput): VodacomConfig {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".") || "config"} ${i.message}`);
    throw new TypeError(`Invalid Vodacom configuration: ${problems.join("; ")}`);
  }
  const c = parsed.data;
  let publicKey: KeyObject;
  try {
    publicKey = readVodacomPublicKey(c.publicKey);
  } catch (error) {
    throw new TypeError(`Invalid Vodacom configuration: publicKey ${error instanceof Error ? error.message : String(error)}`);
  }
  if (c.activationDelayMs >= c.sessionLifetimeMs) {
    throw new TypeError("Invalid Vodacom configuration: activationDelayMs must be shorter than sessionLifetimeMs");
  }
  return {
    ...c,
    market: VODACOM_MARKETS[c.market],
    baseUrl: c.baseUrl.replace(/\/+$/, ""),
    publicKey,
    timeouts: {
      sessionMs: c.timeouts.sessionMs ?? 30_000,
      // In the sync form the call lasts as long as the customer takes to find the PIN.
      c2bMs: c.timeouts.c2bMs ?? (c.responseMode === "sync" ? 120_000 : 30_000),
      queryMs: c.timeouts.queryMs ?? 30_000,
      reversalMs: c.timeouts.reversalMs ?? 60_000,
    },
  };
}
