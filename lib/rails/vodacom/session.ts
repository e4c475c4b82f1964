import type { Logger } from "@/lib/logger";
import { darajaFetch } from "@/lib/rails/daraja/http";
import type { VodacomConfig } from "./config";
import { errorForCode, errorWithoutCode, parseVodacomBody, text, VodacomError } from "./errors";
import { vodacomApiUrl } from "./markets";
import { classifyResponseCode } from "./response-codes";
import { encryptForVodacom } from "./rsa";

/**
 * Vodacom sessions, shared by every call of one client:
 * - one getSession request at a time, whoever asks (single-flight);
 * - a new session is used only once it is live (the activation delay);
 * - the next session is requested early enough to be live before the current one expires, and the
 *   current one is used meanwhile, so a steady flow of payments never waits for activation;
 * - a session Vodacom refuses is dropped (`invalidate`) and the next call gets a new one.
 */

export interface SessionProvider {
  /** A live session id; throws VodacomError when none can be had. */
  getSession(): Promise<string>;
  /** Forgets `sessionId` if it is still held (Vodacom refused it). */
  invalidate(sessionId: string): void;
}

export interface SessionDeps {
  fetch: typeof fetch;
  now: () => Date;
  sleep: (ms: number) => Promise<void>;
  logger: Logger;
}

interface Session {
  id: string;
  liveAt: number;
  refreshAt: number;
  expiresAt: number;
}

const MAX_REFRESH_MARGIN_MS = 60_000;
// After a failed early refresh, the current session stays in use; ask again no sooner than this.
const REFRESH_BACKOFF_MS = 5_000;

export function createSessionProvider(config: VodacomConfig, deps: SessionDeps): SessionProvider {
  let current: Session | null = null;
  let upcoming: Session | null = null;
  let inFlight: Promise<void> | null = null;
  let nextRefreshAttempt = 0;

  async function requestSession(): Promise<void> {
    const askedAt = deps.now().getTime();
    const result = await darajaFetch(deps.fetch, {
      method: "GET",
      url: vodacomApiUrl(config.baseUrl, config.environment, config.market, "getSession"),
      headers: { Authorization: `Bearer ${vodacomBearer(config, config.apiKey)}`, Origin: config.origin, "Content-Type": "application/json" },
      timeoutMs: config.timeouts.sessionMs,
    });
    // Asking for a session moves no money, so every transport failure is safe to retry.
    if (!result.ok) throw new VodacomError({ kind: "retryable", message: `Vodacom getSession failed: ${result.failure.message}`, cause: result.failure.cause });
    const body = parseVodacomBody(result.text);
    if (body.shape !== "envelope") throw errorWithoutCode("session", result.status, body);
    const classification = classifyResponseCode("session", body.code);
    if (classification.outcome !== "succeeded") throw errorForCode("session", result.status, body, classification);
    const id = text(body.fields.output_SessionID);
    if (!id) throw new VodacomError({ kind: "retryable", httpStatus: result.status, errorCode: body.code, message: "Vodacom answered getSession without an output_SessionID" });

    // Vodacom created the session somewhere between asking and the answer: it is surely live a delay
    // after the answer, and surely not expired a lifetime after the asking. Counting the delay from
    // the asking instead used a session before it was live whenever getSession was slow to answer.
    const answeredAt = deps.now().getTime();
    const liveAt = answeredAt + config.activationDelayMs;
    const expiresAt = askedAt + config.sessionLifetimeMs;
    const margin = config.activationDelayMs + Math.min(MAX_REFRESH_MARGIN_MS, config.sessionLifetimeMs / 10);
    upcoming = { id, liveAt, expiresAt, refreshAt: Math.max(liveAt, expiresAt - margin) };
    deps.logger.debug({ activationDelayMs: config.activationDelayMs, lifetimeMs: config.sessionLifetimeMs }, "Vodacom session obtained");
  }

  function startRequest(): Promise<void> {
    inFlight ??= requestSession().finally(() => {
      inFlight = null;
    });
    return inFlight;
  }

  async function getSession(): Promise<string> {
    for (;;) {
      const t = deps.now().getTime();
      if (upcoming && t >= upcoming.liveAt) {
        current = upcoming;
        upcoming = null;
      }
      if (current && t < current.expiresAt) {
        if (t >= current.liveAt) {
          if (t >= current.refreshAt && !upcoming && !inFlight && t >= nextRefreshAttempt) refreshEarly(t);
          return current.id;
        }
        await waitUntilLive(current, t);
        continue;
      }
      if (upcoming) {
        await waitUntilLive(upcoming, t);
        continue;
      }
      await startRequest();
    }
  }

  // Having slept the whole delay is proof enough, even under a test clock that stands still.
  async function waitUntilLive(session: Session, t: number): Promise<void> {
    await deps.sleep(session.liveAt - t);
    session.liveAt = Math.min(session.liveAt, deps.now().getTime());
  }

  function refreshEarly(t: number): void {
    startRequest().catch((error: unknown) => {
      nextRefreshAttempt = t + REFRESH_BACKOFF_MS;
      deps.logger.warn({ reason: error instanceof Error ? error.message : String(error) }, "Early Vodacom session refresh failed; the current session stays in use");
    });
  }

  return {
    getSession,
    invalidate(sessionId) {
      if (current?.id === sessionId) current = null;
      if (upcoming?.id === sessionId) upcoming = null;
    },
  };
}

/** The Authorization value for `secret` (the API key or a session id); a key too small for it is our configuration's fault. */
export function vodacomBearer(config: VodacomConfig, secret: string): string {
  try {
    return encryptForVodacom(secret, config.publicKey);
  } catch (error) {
    throw new VodacomError({ kind: "configuration", message: `Cannot encrypt for Vodacom with the configured public key: ${error instanceof Error ? error.message : String(error)}`, cause: error });
  }
}
