import { SANDBOX_PASSKEY, SANDBOX_SHORTCODE, SIMULATOR_CONSUMER_KEY, SIMULATOR_CONSUMER_SECRET } from "@/lib/env";
import { resolveLedgerOptions } from "./ledger-options";
import { NO_LATENCY, parseLatency } from "./response-latency";
import type { ChaosOptions, ResolvedOptions, SimulatorOptions } from "./types";

// Defaults mirror lib/env.ts so a bare startSimulator() behaves like `npm run simulator`.
const DEFAULTS = {
  host: "127.0.0.1",
  port: 0,
  callbackDelayMs: 3000,
  lateCallbackDelayMs: 20 * 60 * 1000,
  hangMs: 60_000,
  // A real prompt expires after about a minute; a person on the phone page gets the same.
  manualTimeoutMs: 60_000,
  customerPin: "1234",
  tokenTtlSeconds: 3599,
  callbackTimeoutMs: 10_000,
};

const DEFAULT_CHAOS: ChaosOptions = { retries: 3, retryDelayMs: 2000, duplicateRate: 0.25 };

export function resolveOptions(options: SimulatorOptions): ResolvedOptions {
  const shortcodes = (options.shortcodes ?? [{ shortcode: SANDBOX_SHORTCODE, passkey: SANDBOX_PASSKEY }]).map((s) => ({
    shortcode: s.shortcode,
    passkey: s.passkey,
    tills: [...(s.tills ?? [])],
    paybill: s.paybill ?? true,
  }));
  if (shortcodes.length === 0) throw new Error("The simulator needs at least one shortcode");
  const callbackDelayMs = nonNegative("callbackDelayMs", options.callbackDelayMs ?? DEFAULTS.callbackDelayMs);
  const latency = parseLatency(options.responseLatency ?? {}, NO_LATENCY);
  if (!latency) throw new Error("Simulator option responseLatency takes oauthMs, pushMs and queryMs: whole milliseconds from 0 to 60000");
  return {
    responseLatency: latency,
    host: options.host ?? DEFAULTS.host,
    port: options.port ?? DEFAULTS.port,
    consumerKey: options.consumerKey ?? SIMULATOR_CONSUMER_KEY,
    consumerSecret: options.consumerSecret ?? SIMULATOR_CONSUMER_SECRET,
    apps: [
      { consumerKey: options.consumerKey ?? SIMULATOR_CONSUMER_KEY, consumerSecret: options.consumerSecret ?? SIMULATOR_CONSUMER_SECRET },
      ...(options.apps ?? []).map((a) => ({ consumerKey: a.consumerKey, consumerSecret: a.consumerSecret })),
    ],
    shortcodes,
    callbackDelayMs,
    lateCallbackDelayMs: nonNegative("lateCallbackDelayMs", options.lateCallbackDelayMs ?? DEFAULTS.lateCallbackDelayMs),
    hangMs: nonNegative("hangMs", options.hangMs ?? DEFAULTS.hangMs),
    manualTimeoutMs: nonNegative("manualTimeoutMs", options.manualTimeoutMs ?? DEFAULTS.manualTimeoutMs),
    customerPin: options.customerPin ?? DEFAULTS.customerPin,
    pendingStyle: options.pendingStyle ?? "4999",
    queryTypo: options.queryTypo ?? false,
    tokenTtlSeconds: nonNegative("tokenTtlSeconds", options.tokenTtlSeconds ?? DEFAULTS.tokenTtlSeconds),
    numericExpiresIn: options.numericExpiresIn ?? false,
    revokeOnReissue: options.revokeOnReissue ?? false,
    seed: options.seed ?? null,
    chaos: resolveChaos(options.chaos),
    callbackTimeoutMs: nonNegative("callbackTimeoutMs", options.callbackTimeoutMs ?? DEFAULTS.callbackTimeoutMs),
    callbackOrigin: options.callbackOrigin ? new URL(options.callbackOrigin).origin : null,
    ledger: resolveLedgerOptions(options, callbackDelayMs),
  };
}

function resolveChaos(chaos: SimulatorOptions["chaos"]): ChaosOptions | null {
  if (!chaos) return null;
  return chaos === true ? DEFAULT_CHAOS : { ...DEFAULT_CHAOS, ...chaos };
}

function nonNegative(name: string, value: number): number {
  // setTimeout treats NaN and negatives as 0; a typo in a delay should fail loudly instead.
  if (!Number.isFinite(value) || value < 0) throw new Error(`Simulator option ${name} must be a number ≥ 0`);
  return value;
}
