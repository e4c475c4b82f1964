// A transport failure says whether Daraja can have seen the request: "try again" vs "prompt may be on the phone".

export interface DarajaHttpRequest {
  method: "GET" | "POST" | "PUT";
  url: string;
  headers: Record<string, string>;
  body?: unknown;
  timeoutMs: number;
}

export type DarajaHttpResult =
  | { ok: true; status: number; text: string; json: unknown }
  | { ok: false; failure: TransportFailure };

export interface TransportFailure {
  /** `before_send`: the connection was never made, so Daraja saw nothing. */
  phase: "before_send" | "unknown";
  timedOut: boolean;
  code: string | null;
  message: string;
  cause: unknown;
}

// Errors raised while connecting (DNS, refused, unreachable, TLS): no byte of the request left us.
const BEFORE_SEND_CODES = new Set([
  "ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "EADDRNOTAVAIL",
  "UND_ERR_CONNECT_TIMEOUT", "UND_ERR_INVALID_ARG", "ERR_INVALID_URL", "ERR_TLS_CERT_ALTNAME_INVALID",
  "CERT_HAS_EXPIRED", "DEPTH_ZERO_SELF_SIGNED_CERT", "SELF_SIGNED_CERT_IN_CHAIN", "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
]);

/** Sends one request within the timeout; never throws. */
export async function darajaFetch(fetchImpl: typeof fetch, request: DarajaHttpRequest): Promise<DarajaHttpResult> {
  const headers = { Accept: "application/json", ...request.headers };
  let init: RequestInit = { method: request.method, headers, signal: AbortSignal.timeout(request.timeoutMs) };
  if (request.body !== undefined) {
    // Without this header Daraja answers with misleading "Invalid BusinessShortCode" errors (FACTS.md §0).
    init = { ...init, headers: { ...headers, "Content-Type": "application/json" }, body: JSON.stringify(request.body) };
  }
  try {
    const response = await fetchImpl(request.url, init);
    const text = await response.text();
    return { ok: true, status: response.status, text, json: parseJson(text) };
  } catch (error) {
    return { ok: false, failure: describeFailure(error, request.timeoutMs) };
  }
}

function describeFailure(error: unknown, timeoutMs: number): TransportFailure {
  const name = error instanceof Error ? error.name : "";
  if (name === "TimeoutError" || name === "AbortError") {
    // A timeout can fire at any stage, including after Daraja received the request.
    return { phase: "unknown", timedOut: true, code: null, message: `no answer within ${timeoutMs} ms`, cause: error };
  }
  const codes = errorCodes(error, 0);
  // Only when every error seen is a connection-stage one; a mix (e.g. with ECONNRESET) stays unknown.
  const beforeSend = codes.length > 0 && codes.every((c) => BEFORE_SEND_CODES.has(c));
  const code = codes[0] ?? null;
  const message = error instanceof Error ? error.message : String(error);
  return { phase: beforeSend ? "before_send" : "unknown", timedOut: false, code, message: code ? `${message} (${code})` : message, cause: error };
}

// Node's fetch wraps the socket error in `cause`, and an AggregateError when several addresses were tried.
function errorCodes(error: unknown, depth: number): string[] {
  if (typeof error !== "object" || error === null || depth > 5) return [];
  const record = error as { code?: unknown; cause?: unknown; errors?: unknown };
  const own = typeof record.code === "string" ? [record.code] : [];
  const nested = Array.isArray(record.errors) ? record.errors.flatMap((e) => errorCodes(e, depth + 1)) : [];
  return [...own, ...nested, ...errorCodes(record.cause, depth + 1)];
}

function parseJson(text: string): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
