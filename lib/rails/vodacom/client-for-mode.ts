import type { Env, VodacomSettings } from "@/lib/env";
import type { Mode } from "@/lib/generated/prisma/client";
import { createVodacomClient, type VodacomClient, type VodacomClientDeps } from "./client";
import type { VodacomConfigInput } from "./config";
import { VodacomError } from "./errors";

/** A client made when first needed: the simulator's public key is only known once it runs. */
export type VodacomClientSource = () => Promise<VodacomClient>;

// One client per configuration and process, so every payment of a process shares its session.
const holder = globalThis as unknown as { __malipoVodacomClients?: Map<string, VodacomClientSource> };

/** The mode's settings (env.vodacom.test or .live), null when the mode has no Vodacom rail. */
export function vodacomSettingsForMode(env: Env, mode: Mode): VodacomSettings | null {
  return mode === "LIVE" ? env.vodacom.live : env.vodacom.test;
}

/** The shared client of one configuration. */
export function vodacomClientForSettings(settings: VodacomSettings): VodacomClientSource {
  const key = [settings.mode, settings.market, settings.baseUrl, settings.serviceProviderCode, settings.apiKey, settings.publicKey ?? "simulator", settings.responseMode, settings.timeoutMs].join("|");
  holder.__malipoVodacomClients ??= new Map();
  let source = holder.__malipoVodacomClients.get(key);
  if (!source) {
    source = vodacomClientSource(settings);
    holder.__malipoVodacomClients.set(key, source);
  }
  return source;
}

/**
 * Builds the client once, at first use (a bad public key is refused then, as a configuration
 * error the payment reports, rather than when the settings are read). Against the simulator, its public key
 * is read from `GET /__sim/public-key` at first use; a failed read is retryable (nothing was sent)
 * and the next call reads it again.
 */
export function vodacomClientSource(settings: VodacomSettings, deps: VodacomClientDeps = {}): VodacomClientSource {
  const configured = settings.publicKey;
  if (configured !== null) {
    let built: Promise<VodacomClient> | null = null;
    // A configuration the client refuses stays refused: the settings do not change under a process.
    return () => (built ??= Promise.resolve().then(() => createVodacomClient(configInput(settings, configured), deps)));
  }
  let pending: Promise<VodacomClient> | null = null;
  return () => {
    pending ??= simulatorPublicKey(settings.baseUrl, deps.fetch ?? globalThis.fetch).then(
      (publicKey) => createVodacomClient(configInput(settings, publicKey), deps),
      (error: unknown) => {
        pending = null;
        throw error;
      },
    );
    return pending;
  };
}

function configInput(settings: VodacomSettings, publicKey: string): VodacomConfigInput {
  return {
    market: settings.market, environment: settings.environment, baseUrl: settings.baseUrl, apiKey: settings.apiKey, publicKey,
    serviceProviderCode: settings.serviceProviderCode, origin: settings.origin, responseMode: settings.responseMode,
    sessionLifetimeMs: settings.sessionLifetimeMs, activationDelayMs: settings.activationDelayMs, maxAmount: settings.maxAmount,
    timeouts: { c2bMs: settings.timeoutMs },
  };
}

async function simulatorPublicKey(baseUrl: string, fetchImpl: typeof fetch): Promise<string> {
  const failed = (why: string, cause?: unknown) => new VodacomError({ kind: "retryable", message: `Cannot read the Vodacom simulator's public key from ${baseUrl}: ${why}`, cause });
  let response: Response;
  try {
    response = await fetchImpl(`${baseUrl}/__sim/public-key`, { signal: AbortSignal.timeout(10_000) });
  } catch (error) {
    throw failed(error instanceof Error ? error.message : String(error), error);
  }
  const body = (await response.json().catch(() => null)) as { publicKey?: unknown } | null;
  if (!response.ok || typeof body?.publicKey !== "string") throw failed(`HTTP ${response.status} without a publicKey`);
  return body.publicKey;
}
