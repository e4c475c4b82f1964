import type { Logger } from "@/lib/logger";
import { darajaFetch, type TransportFailure } from "@/lib/rails/daraja/http";
import type { VodacomConfig } from "./config";
import { errorForCode, errorWithoutCode, parseVodacomBody, VodacomError, type ParsedVodacomBody } from "./errors";
import { vodacomApiUrl, type VodacomApi } from "./markets";
import { classifyResponseCode, type VodacomOperation } from "./response-codes";
import { vodacomBearer, type SessionProvider } from "./session";

/**
 * One authenticated OpenAPI call. Nothing is ever repeated here except after a refused session:
 * that refusal proves nothing was processed, so the call is made once more with a new session.
 * Everything else (a timeout above all) goes back to the caller as it is.
 */

export interface VodacomRequest {
  operation: Exclude<VodacomOperation, "session">;
  method: "GET" | "POST" | "PUT";
  api: VodacomApi;
  /** JSON body (POST, PUT). */
  body?: Record<string, string>;
  /** Query-string parameters (GET). */
  query?: Record<string, string>;
  timeoutMs: number;
}

export type VodacomAnswer = { ok: true; status: number; body: ParsedVodacomBody } | { ok: false; error: VodacomError };

export type VodacomCall = (request: VodacomRequest) => Promise<VodacomAnswer>;

export function createVodacomCall(config: VodacomConfig, sessions: SessionProvider, deps: { fetch: typeof fetch; logger: Logger }): VodacomCall {
  return async function call(request) {
    const base = vodacomApiUrl(config.baseUrl, config.environment, config.market, request.api);
    const url = request.query ? `${base}?${new URLSearchParams(request.query).toString()}` : base;
    for (let attempt = 1; ; attempt++) {
      let sessionId: string;
      let bearer: string;
      try {
        sessionId = await sessions.getSession();
        bearer = vodacomBearer(config, sessionId);
      } catch (error) {
        return { ok: false, error: asVodacomError(error) };
      }
      const result = await darajaFetch(deps.fetch, {
        method: request.method,
        url,
        headers: { Authorization: `Bearer ${bearer}`, Origin: config.origin, "Content-Type": "application/json" },
        body: request.body,
        timeoutMs: request.timeoutMs,
      });
      if (!result.ok) return { ok: false, error: transportError(request.operation, result.failure) };
      const body = parseVodacomBody(result.text);
      const refused = body.shape === "envelope"
        ? classifyResponseCode(request.operation, body.code).outcome === "session_rejected"
        : result.status === 401;
      if (!refused) return { ok: true, status: result.status, body };
      const error = body.shape === "envelope" ? errorForCode(request.operation, result.status, body) : errorWithoutCode(request.operation, result.status, body);
      if (attempt > 1) return { ok: false, error };
      deps.logger.warn({ operation: request.operation, errorCode: error.errorCode }, "Vodacom refused the session; getting a new one");
      sessions.invalidate(sessionId);
    }
  };
}

function transportError(operation: VodacomRequest["operation"], failure: TransportFailure): VodacomError {
  if (failure.phase === "before_send") {
    return new VodacomError({ kind: "retryable", message: `Could not reach Vodacom: ${failure.message}`, cause: failure.cause });
  }
  const what = failure.timedOut ? `Vodacom did not answer within the timeout (${failure.message})` : `The connection to Vodacom failed: ${failure.message}`;
  if (operation === "c2b_payment") return new VodacomError({ kind: "unknown_outcome", message: `${what}; the customer may have paid`, cause: failure.cause });
  if (operation === "reversal") return new VodacomError({ kind: "unknown_outcome", message: `${what}; the reversal may have been made`, cause: failure.cause });
  return new VodacomError({ kind: "retryable", message: what, cause: failure.cause });
}

export function asVodacomError(error: unknown): VodacomError {
  if (error instanceof VodacomError) return error;
  return new VodacomError({ kind: "retryable", message: `Vodacom session failed: ${error instanceof Error ? error.message : String(error)}`, cause: error });
}
