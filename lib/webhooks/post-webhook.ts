import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { checkWebhookTarget, type ResolvedAddress, type WebhookTargetPolicy } from "@/lib/webhooks/webhook-target";

export const RESPONSE_EXCERPT_BYTES = 1024;

export interface PostWebhookOptions {
  url: string;
  body: string;
  headers: Record<string, string>;
  timeoutMs: number;
  /** Which addresses may be reached (lib/webhooks/webhook-target.ts). */
  targets: WebhookTargetPolicy;
}

export interface PostWebhookOutcome {
  /** A 2xx status arrived within the timeout. */
  ok: boolean;
  statusCode: number | null;
  latencyMs: number;
  /** The first KB of the answer as text, for the admins reading the attempt log. */
  responseExcerpt: string | null;
  /** Why no status arrived (timeout, refused connection, refused target…), or why a status is not success. */
  error: string | null;
}

/**
 * One HTTP attempt. Never throws: every way an endpoint can fail becomes an outcome to record.
 * The target is checked first, on the addresses its name resolves to now, and the connection is
 * made to exactly those (a lookup that answers with them), so a name that changes its answer
 * between the check and the connect (DNS rebinding) still cannot reach an internal address.
 * Redirects are not followed (a signed POST should not wander to another host), so a 3xx fails.
 */
export async function postWebhook({ url, body, headers, timeoutMs, targets }: PostWebhookOptions): Promise<PostWebhookOutcome> {
  const started = performance.now();
  const latency = () => Math.round(performance.now() - started);
  const target = await checkWebhookTarget(url, targets);
  if (!target.ok) return { ok: false, statusCode: null, latencyMs: latency(), responseExcerpt: null, error: target.message };
  return new Promise<PostWebhookOutcome>((resolve) => {
    let settled = false;
    const finish = (outcome: Omit<PostWebhookOutcome, "latencyMs">) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.destroy();
      resolve({ ...outcome, latencyMs: latency() });
    };
    const transport = target.url.protocol === "https:" ? https : http;
    const request = transport.request(target.url, {
      method: "POST",
      headers: { ...headers, "Content-Length": String(Buffer.byteLength(body)) },
      lookup: pinnedLookup(target.addresses),
      // One connection per attempt: a pooled socket would skip the lookup, and with it the pin.
      agent: false,
    });
    const timer = setTimeout(() => finish({ ok: false, statusCode: null, responseExcerpt: null, error: `no answer within ${timeoutMs} ms` }), timeoutMs);
    request.on("error", (error: NodeJS.ErrnoException) => finish({ ok: false, statusCode: null, responseExcerpt: null, error: `request failed: ${error.code ?? error.message}`.slice(0, 500) }));
    request.on("response", (response) => {
      const status = response.statusCode ?? 0;
      const ok = status >= 200 && status < 300;
      const error = ok ? null : status >= 300 && status < 400 ? "redirects are not followed" : null;
      // The status decides; the excerpt is best effort within what is left of the timeout.
      const chunks: Buffer[] = [];
      let size = 0;
      const done = () => finish({ ok, statusCode: status, responseExcerpt: excerpt(chunks), error });
      response.on("data", (chunk: Buffer) => {
        chunks.push(chunk);
        size += chunk.byteLength;
        if (size >= RESPONSE_EXCERPT_BYTES) done();
      });
      response.on("end", done);
      // A body cut off by a reset still leaves what arrived.
      response.on("error", done);
      response.on("aborted", done);
    });
    request.end(body);
  });
}

/** A lookup that answers with the addresses already checked, in the form the socket asks for. */
function pinnedLookup(addresses: ResolvedAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    const wanted = options.family === 4 || options.family === 6 ? addresses.filter((a) => a.family === options.family) : addresses;
    if (wanted.length === 0) {
      const error: NodeJS.ErrnoException = new Error("no checked address of the wanted family");
      error.code = "ENOTFOUND";
      return callback(error, "", 0);
    }
    if (options.all) return (callback as unknown as (e: null, a: ResolvedAddress[]) => void)(null, wanted);
    callback(null, wanted[0]!.address, wanted[0]!.family);
  };
}

function excerpt(chunks: Buffer[]): string | null {
  const bytes = Buffer.concat(chunks).subarray(0, RESPONSE_EXCERPT_BYTES);
  if (bytes.length === 0) return null;
  // stream: true holds back a multi-byte character cut at the limit; PostgreSQL text cannot hold NUL.
  return new TextDecoder().decode(bytes, { stream: true }).replace(/\u0000/g, "");
}
