import type { z } from "zod";
import type { DarajaConfig } from "@/lib/env";
import { createLogger, type Logger } from "@/lib/logger";
import { classifyDarajaResponse, DarajaError, movesMoney, type DarajaOperation } from "./errors";
import { darajaFetch, type TransportFailure } from "./http";
import { createTokenProvider, type TokenProvider } from "./oauth";

/**
 * The one authenticated POST of every Daraja API (STK push and query in client.ts, C2B, Pull
 * Transactions, the initiator APIs): one cached token, a rejected token dropped and the call made
 * once more (a refused token proves nothing was processed; refused again, the app lacks the API
 * product), transport failures classified by whether the call may have moved money.
 */

export type DarajaAnswer =
  | { ok: true; status: number; text: string; json: Record<string, unknown> | null }
  | { ok: false; error: DarajaError };

export interface DarajaApi {
  readonly config: DarajaConfig;
  readonly logger: Logger;
  now(): Date;
  /**
   * POSTs JSON to `path` under the base URL; never throws. A 2xx comes back as `ok`, anything else
   * as a DarajaError. A body given as a function is built afresh for each try (an STK password's
   * timestamp must be current).
   */
  post(operation: DarajaOperation, path: string, body: Record<string, unknown> | (() => Record<string, unknown>)): Promise<DarajaAnswer>;
  /** The shared token cache's current token (fetched when there is none). */
  getAccessToken(): Promise<string>;
}

export interface DarajaApiDeps {
  fetch?: typeof fetch;
  now?: () => Date;
  logger?: Logger;
  /** Share the STK client's token cache when both talk to one Daraja app. */
  tokens?: TokenProvider;
}

export function createDarajaApi(config: DarajaConfig, deps: DarajaApiDeps = {}): DarajaApi {
  const fetchImpl = deps.fetch ?? globalThis.fetch;
  const now = deps.now ?? (() => new Date());
  const logger = deps.logger ?? createLogger("daraja", { darajaMode: config.mode });
  const tokens = deps.tokens ?? createTokenProvider(config, { fetch: fetchImpl, now, logger });

  async function post(operation: DarajaOperation, path: string, body: Record<string, unknown> | (() => Record<string, unknown>)): Promise<DarajaAnswer> {
    for (let attempt = 1; ; attempt++) {
      let token: string;
      try {
        token = await tokens.getAccessToken();
      } catch (error) {
        return { ok: false, error: oauthError(error) };
      }
      const result = await darajaFetch(fetchImpl, {
        method: "POST",
        url: `${config.baseUrl}${path}`,
        headers: { Authorization: `Bearer ${token}` },
        body: typeof body === "function" ? body() : body,
        timeoutMs: config.timeoutMs,
      });
      if (!result.ok) return { ok: false, error: transportError(operation, result.failure) };
      const json = isRecord(result.json) ? result.json : null;
      if (result.status >= 200 && result.status < 300) return { ok: true, status: result.status, text: result.text, json };
      const error = classifyDarajaResponse(operation, result.status, result.text);
      if (!error.tokenRejected) return { ok: false, error };
      if (attempt > 1) return { ok: false, error: freshTokenRefused(error) };
      logger.warn({ operation, errorCode: error.errorCode }, "Daraja rejected the access token; fetching a new one");
      tokens.invalidate(token);
    }
  }

  return { config, logger, now, post, getAccessToken: () => tokens.getAccessToken() };
}

/** A 2xx body that is Daraja's error envelope (Pull Transactions answers some failures with HTTP 200). */
export function envelopeError(operation: DarajaOperation, answer: Extract<DarajaAnswer, { ok: true }>): DarajaError | null {
  if (answer.json?.errorCode == null) return null;
  return classifyDarajaResponse(operation, answer.status >= 400 ? answer.status : 400, answer.text);
}

// A token refused twice in a row is not stale: the app lacks this API product, or the keys are wrong.
function freshTokenRefused(error: DarajaError): DarajaError {
  return new DarajaError({
    kind: "configuration",
    httpStatus: error.httpStatus,
    errorCode: error.errorCode,
    errorMessage: error.errorMessage,
    requestId: error.requestId,
    message: "Daraja refused a fresh access token: check that the Daraja app has this API product enabled",
  });
}

function transportError(operation: DarajaOperation, failure: TransportFailure): DarajaError {
  if (failure.phase === "before_send") {
    return new DarajaError({ kind: "retryable", message: `Could not reach Daraja: ${failure.message}`, cause: failure.cause });
  }
  const what = failure.timedOut ? `Daraja did not answer within the timeout (${failure.message})` : `The connection to Daraja failed: ${failure.message}`;
  // Only a call that moves money can have changed anything at Daraja; the others are safe to repeat.
  return movesMoney(operation)
    ? new DarajaError({ kind: "unknown_outcome", message: `${what}; ${operation === "stk_push" ? "the prompt may have reached the phone" : "M-Pesa may have carried out the request"}`, cause: failure.cause })
    : new DarajaError({ kind: "retryable", message: what, cause: failure.cause });
}

function oauthError(error: unknown): DarajaError {
  if (error instanceof DarajaError) return error;
  return new DarajaError({ kind: "retryable", message: `Daraja OAuth failed: ${error instanceof Error ? error.message : String(error)}`, cause: error });
}

/** An input refused before calling Daraja, as Daraja's 400.002.02 would refuse it: permanent, naming the field. */
export function invalidInputError(error: z.ZodError, fallback = "Invalid request"): DarajaError {
  const issue = error.issues[0];
  return new DarajaError({ kind: "permanent", message: issue?.message ?? fallback, field: issue?.path.join(".") || null });
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A trimmed non-empty string, or a finite number as text; otherwise null. */
export function textOf(value: unknown): string | null {
  if (typeof value === "number" && Number.isFinite(value)) return Number.isInteger(value) ? value.toFixed(0) : String(value);
  return typeof value === "string" && value.trim() !== "" ? value.trim() : null;
}
