import { VODACOM_SANDBOX_SERVICE_PROVIDER_CODE, VODACOM_SIMULATOR_API_KEY } from "@/lib/env";
import type { ResolvedOptions, VodacomSimulatorOptions } from "./types";

/**
 * The API key `npm run simulator:vodacom` and a bare startVodacomSimulator() accept (a test value,
 * not a secret), and the sandbox's service provider code: defined with the settings, which point the
 * demo's Vodacom rail at the simulator with them.
 */
export { VODACOM_SIMULATOR_API_KEY, VODACOM_SANDBOX_SERVICE_PROVIDER_CODE as SANDBOX_SERVICE_PROVIDER_CODE } from "@/lib/env";

const DEFAULTS = {
  host: "127.0.0.1",
  port: 0,
  keyBits: 4096,
  sessionLifetimeMs: 60 * 60 * 1000,
  // Vodacom's sample code waits 30 s before using a new session.
  activationDelayMs: 30_000,
  resultTimeoutMs: 10_000,
  pinDelayMs: 3000,
  slowPinMs: 45_000,
  syncWaitMs: 60_000,
  hangMs: 150_000,
  customerPin: "1234",
};

export function resolveOptions(options: VodacomSimulatorOptions): ResolvedOptions {
  const responseMode = options.responseMode ?? "sync";
  const resultUrl = options.resultUrl ?? null;
  if (responseMode === "async" && !resultUrl) throw new Error("The Vodacom simulator's async mode needs a resultUrl");
  if (resultUrl !== null && !URL.canParse(resultUrl)) throw new Error("Simulator option resultUrl must be a URL");
  const serviceProviderCodes = [...(options.serviceProviderCodes ?? [VODACOM_SANDBOX_SERVICE_PROVIDER_CODE])];
  if (serviceProviderCodes.length === 0) throw new Error("The Vodacom simulator needs at least one service provider code");
  const keyBits = options.keyBits ?? DEFAULTS.keyBits;
  // 1024 bits still leave room for a 32-character API key or session id under PKCS#1 v1.5.
  if (!Number.isInteger(keyBits) || keyBits < 1024) throw new Error("Simulator option keyBits must be an integer ≥ 1024");
  return {
    host: options.host ?? DEFAULTS.host,
    port: options.port ?? DEFAULTS.port,
    apiKey: options.apiKey ?? VODACOM_SIMULATOR_API_KEY,
    serviceProviderCodes,
    trustedOrigins: [...(options.trustedOrigins ?? ["*"])],
    keyBits,
    sessionLifetimeMs: positive("sessionLifetimeMs", options.sessionLifetimeMs ?? DEFAULTS.sessionLifetimeMs),
    activationDelayMs: nonNegative("activationDelayMs", options.activationDelayMs ?? DEFAULTS.activationDelayMs),
    responseMode,
    resultUrl,
    resultTimeoutMs: nonNegative("resultTimeoutMs", options.resultTimeoutMs ?? DEFAULTS.resultTimeoutMs),
    pinDelayMs: nonNegative("pinDelayMs", options.pinDelayMs ?? DEFAULTS.pinDelayMs),
    slowPinMs: nonNegative("slowPinMs", options.slowPinMs ?? DEFAULTS.slowPinMs),
    syncWaitMs: nonNegative("syncWaitMs", options.syncWaitMs ?? DEFAULTS.syncWaitMs),
    hangMs: nonNegative("hangMs", options.hangMs ?? DEFAULTS.hangMs),
    customerPin: options.customerPin ?? DEFAULTS.customerPin,
    seed: options.seed ?? null,
  };
}

function nonNegative(name: string, value: number): number {
  // setTimeout treats NaN and negatives as 0; a typo in a delay should fail loudly instead.
  if (!Number.isFinite(value) || value < 0) throw new Error(`Simulator option ${name} must be a number ≥ 0`);
  return value;
}

function positive(name: string, value: number): number {
  if (nonNegative(name, value) === 0) throw new Error(`Simulator option ${name} must be > 0`);
  return value;
}
