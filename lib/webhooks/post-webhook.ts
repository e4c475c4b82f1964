export const RESPONSE_EXCERPT_BYTES = 1024;

export interface PostWebhookOptions {
  url: string;
  body: string;
  headers: Record<string, string>;
  timeoutMs: number;
}

export interface PostWebhookOutcome {
  /** A 2xx status arrived within the timeout. */
  ok: boolean;
  statusCode: number | null;
  latencyMs: number;
  /** The first KB of the answer as text, for the people reading the attempt log. */
  responseExcerpt: string | null;
  /** Why no status arrived (timeout, refused connection…), or why a status is not success. */
  error: string | null;
}

/**
 * One HTTP attempt. Never throws: every way an endpoint can fail becomes an outcome to record.
 * Redirects are not followed (a signed POST should not wander to another host), so a 3xx fails.
 */
export async function postWebhook({ url, body, headers, timeoutMs }: PostWebhookOptions): Promise<PostWebhookOutcome> {
  const started = performance.now();
  const signal = AbortSignal.timeout(timeoutMs);
  const latency = () => Math.round(performance.now() - started);
  let response: Response;
  try {
    response = await fetch(url, { method: "POST", body, headers, redirect: "manual", signal });
  } catch (error) {
    return { ok: false, statusCode: null, latencyMs: latency(), responseExcerpt: null, error: describeFetchError(error, timeoutMs) };
  }
  // The status decides; the excerpt is best effort within what is left of the timeout.
  const responseExcerpt = await readExcerpt(response);
  const ok = response.status >= 200 && response.status < 300;
  const error = ok ? null : response.status >= 300 && response.status < 400 ? "redirects are not followed" : null;
  return { ok, statusCode: response.status, latencyMs: latency(), responseExcerpt, error };
}

async function readExcerpt(response: Response): Promise<string | null> {
  if (!response.body) return null;
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < RESPONSE_EXCERPT_BYTES) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } catch {
    // A body cut off by the timeout or a reset still leaves what arrived.
  } finally {
    void reader.cancel().catch(() => undefined);
  }
  if (size === 0) return null;
  const bytes = Buffer.concat(chunks).subarray(0, RESPONSE_EXCERPT_BYTES);
  // stream: true holds back a multi-byte character cut at the limit; PostgreSQL text cannot hold NUL.
  return new TextDecoder().decode(bytes, { stream: true }).replace(/\u0000/g, "");
}

function describeFetchError(error: unknown, timeoutMs: number): string {
  const name = (error as { name?: string } | null)?.name;
  if (name === "TimeoutError" || name === "AbortError") return `no answer within ${timeoutMs} ms`;
  // undici reports "fetch failed" and hides the reason (ECONNREFUSED, ENOTFOUND…) in the cause.
  const cause = (error as { cause?: { code?: string; message?: string } } | null)?.cause;
  const detail = cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
  return `request failed: ${detail}`.slice(0, 500);
}
