import type { DarajaConfig } from "@/lib/env";
import type { Logger } from "@/lib/logger";
import { classifyDarajaResponse, DarajaError } from "./errors";
import { darajaFetch } from "./http";

// One in-flight refresh for all callers: each new token may invalidate the previous one (FACTS.md §1).

const MAX_EXPIRY_MARGIN_MS = 60_000;
// Daraja's documented lifetime, used only if a response lacks a readable expires_in.
const DEFAULT_EXPIRES_IN_SECONDS = 3599;

export interface TokenProvider {
  /** A valid access token, from the cache or a fresh OAuth call; throws DarajaError. */
  getAccessToken(): Promise<string>;
  /** Forgets `token` if it is still the cached one (Daraja rejected it). */
  invalidate(token: string): void;
}

interface Deps {
  fetch: typeof fetch;
  now: () => Date;
  logger: Logger;
}

export function createTokenProvider(config: DarajaConfig, deps: Deps): TokenProvider {
  let cached: { token: string; refreshAt: number } | null = null;
  let inFlight: Promise<string> | null = null;

  async function refresh(): Promise<string> {
    const basic = Buffer.from(`${config.consumerKey}:${config.consumerSecret}`, "utf8").toString("base64");
    const result = await darajaFetch(deps.fetch, {
      method: "GET",
      url: `${config.baseUrl}/oauth/v1/generate?grant_type=client_credentials`,
      headers: { Authorization: `Basic ${basic}` },
      timeoutMs: config.timeoutMs,
    });
    if (!result.ok) {
      // Asking for a token changes nothing at Daraja, so any transport failure is safe to retry.
      throw new DarajaError({ kind: "retryable", message: `Daraja OAuth failed: ${result.failure.message}`, cause: result.failure.cause });
    }
    if (result.status < 200 || result.status >= 300) throw classifyDarajaResponse("oauth", result.status, result.text);

    const body = (typeof result.json === "object" && result.json !== null ? result.json : {}) as Record<string, unknown>;
    const token = typeof body.access_token === "string" ? body.access_token.trim() : "";
    if (!token) {
      throw new DarajaError({ kind: "retryable", httpStatus: result.status, message: "Daraja OAuth answered without an access_token" });
    }
    let expiresIn = Number(body.expires_in);
    if (!Number.isFinite(expiresIn) || expiresIn <= 0) {
      deps.logger.warn({ expiresIn: body.expires_in }, "Daraja OAuth expires_in unreadable; assuming the documented lifetime");
      expiresIn = DEFAULT_EXPIRES_IN_SECONDS;
    }
    const lifetimeMs = expiresIn * 1000;
    // Refresh 60 s early, or a tenth of the lifetime for the short tokens used in tests.
    const margin = Math.min(MAX_EXPIRY_MARGIN_MS, lifetimeMs / 10);
    cached = { token, refreshAt: deps.now().getTime() + lifetimeMs - margin };
    deps.logger.debug({ expiresInSeconds: expiresIn }, "Daraja access token refreshed");
    return token;
  }

  return {
    getAccessToken() {
      if (cached && deps.now().getTime() < cached.refreshAt) return Promise.resolve(cached.token);
      inFlight ??= refresh().finally(() => {
        inFlight = null;
      });
      return inFlight;
    },
    invalidate(token) {
      if (cached?.token === token) cached = null;
    },
  };
}
