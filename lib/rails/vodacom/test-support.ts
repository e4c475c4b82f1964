import { generateKeyPairSync } from "node:crypto";
import { resolveVodacomConfig, type VodacomConfig, type VodacomConfigInput } from "./config";

/**
 * Helpers for unit tests of the client: a small key pair (generated once per test file), a
 * resolved configuration, and a fetch that answers from a script and records every request.
 */
let pair: { publicKey: string; privateKey: string } | undefined;

/** A 1024-bit pair as PEM: big enough for API keys and session ids, quick to generate. */
export function testKeyPair(): { publicKey: string; privateKey: string } {
  pair ??= (() => {
    const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 1024 });
    return { publicKey: publicKey.export({ type: "spki", format: "pem" }).toString(), privateKey: privateKey.export({ type: "pkcs8", format: "pem" }).toString() };
  })();
  return pair;
}

export function testConfig(overrides: Partial<VodacomConfigInput> = {}): VodacomConfig {
  return resolveVodacomConfig({
    baseUrl: "http://vodacom.test",
    apiKey: "test-api-key",
    publicKey: testKeyPair().publicKey,
    serviceProviderCode: "000000",
    activationDelayMs: 0,
    ...overrides,
  });
}

export interface RecordedRequest {
  method: string;
  url: URL;
  headers: Headers;
  body: Record<string, unknown> | null;
}

export type ScriptedAnswer = { status: number; body?: unknown; text?: string } | Error | ((request: RecordedRequest) => Promise<ScriptedAnswer> | ScriptedAnswer);

/**
 * A fetch whose answers come from `answer(api, request)`; `api` is the path's last segment(s),
 * e.g. `getSession` or `c2bPayment/singleStage`. An Error is thrown as fetch would.
 */
export function scriptedFetch(answer: (api: string, request: RecordedRequest) => ScriptedAnswer) {
  const requests: RecordedRequest[] = [];
  const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input));
    const text = typeof init?.body === "string" ? init.body : null;
    const request: RecordedRequest = { method: init?.method ?? "GET", url, headers: new Headers(init?.headers), body: text ? (JSON.parse(text) as Record<string, unknown>) : null };
    requests.push(request);
    const api = url.pathname.replace(/^\/\w+\/ipg\/v2\/\w+\//, "").replace(/\/$/, "");
    // Like fetch, a scripted answer that takes too long loses to the request's abort signal.
    const signal = init?.signal;
    const aborted = new Promise<never>((_, reject) => signal?.addEventListener("abort", () => reject(signal.reason), { once: true }));
    let scripted = answer(api, request);
    while (typeof scripted === "function") scripted = await Promise.race([scripted(request), aborted]);
    if (scripted instanceof Error) throw scripted;
    const payload = scripted.text ?? (scripted.body === undefined ? "" : JSON.stringify(scripted.body));
    return new Response(payload, { status: scripted.status, headers: { "Content-Type": "application/json" } });
  }) as typeof fetch;
  return { fetch: fetchImpl, requests, calls: (api: string) => requests.filter((r) => r.url.pathname.includes(`/${api}/`)) };
}

export const SESSION_OK = { status: 200, body: { output_ResponseCode: "INS-0", output_ResponseDesc: "Request processed successfully", output_SessionID: "01cf5f6a5b2b4a36a4d8f1c5a9e8e7d2" } };
