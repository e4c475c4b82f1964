import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { parseVodacomResult, buildResultAcknowledgement, type ParsedPostedResult } from "../async-result";
import type { VodacomSettings } from "@/lib/env";
import type { Rail } from "@/lib/rails/rail";
import { vodacomC2bRail } from "../c2b-rail";
import { createVodacomClient, type VodacomClient, type VodacomClientDeps } from "../client";
import { vodacomClientSource } from "../client-for-mode";
import type { VodacomConfigInput } from "../config";
import { encryptForVodacom, readVodacomPublicKey } from "../rsa";
import { testKeyPair } from "../test-support";
import { SANDBOX_SERVICE_PROVIDER_CODE } from "./options";
import { startVodacomSimulator, type RunningVodacomSimulator } from "./server";
import type { VodacomSimulatorOptions } from "./types";

/**
 * Helpers for tests that drive the Vodacom simulator over HTTP, with the real client or with raw
 * requests, plus a loopback listener for async results. Other modules' tests may use them too.
 */

/** A simulator with a shared small key, no activation delay and a quick scripted customer. */
export function startTestSimulator(options: VodacomSimulatorOptions = {}): Promise<RunningVodacomSimulator> {
  return startVodacomSimulator({ port: 0, keyPair: testKeyPair(), activationDelayMs: 0, pinDelayMs: 30, syncWaitMs: 2000, hangMs: 2000, seed: "test", ...options });
}

/** The client configured the way an operator would configure it for this simulator. */
export function clientFor(sim: RunningVodacomSimulator, config: Partial<VodacomConfigInput> = {}, deps: VodacomClientDeps = {}): VodacomClient {
  return createVodacomClient({
    baseUrl: sim.url, apiKey: sim.options.apiKey, publicKey: sim.publicKey, serviceProviderCode: SANDBOX_SERVICE_PROVIDER_CODE, activationDelayMs: 0, ...config,
  }, deps);
}

/** A call that reached the simulator's API (never its /__sim pages): the API's path and the body. */
export interface SentRequest {
  api: string;
  body: string;
}

/**
 * The vodacom_c2b rail as the demo configures it (the simulator's public key read from it), with
 * what it sends recorded in `sent`.
 */
export function railFor(sim: RunningVodacomSimulator, options: { sent?: SentRequest[]; timeoutMs?: number; responseMode?: "sync" | "async" } = {}): Rail {
  const settings: VodacomSettings = {
    mode: "test", market: "TZN", environment: "sandbox", baseUrl: sim.url, apiKey: sim.options.apiKey, publicKey: null, serviceProviderCode: SANDBOX_SERVICE_PROVIDER_CODE,
    origin: "*", responseMode: options.responseMode ?? "sync", sessionLifetimeMs: 3_600_000, activationDelayMs: 0, timeoutMs: options.timeoutMs ?? 10_000, maxAmount: null, isSimulator: true,
  };
  const recording: typeof fetch = (input, init) => {
    const api = /\/ipg\/v2\/\w+\/(.+?)\/(?:\?|$)/.exec(String(input))?.[1];
    if (api) options.sent?.push({ api, body: typeof init?.body === "string" ? init.body : "" });
    return fetch(input, init);
  };
  return vodacomC2bRail(vodacomClientSource(settings, { fetch: recording }), { market: "TZN", environment: "sandbox", publicUrl: "http://127.0.0.1:3999", callbackSecret: "c".repeat(43) });
}

export const apiPath = (api: string, { environment = "sandbox", context = "vodacomTZN" } = {}) => `/${environment}/ipg/v2/${context}/${api}/`;

export function bearerFor(sim: RunningVodacomSimulator, secret: string): string {
  return `Bearer ${encryptForVodacom(secret, readVodacomPublicKey(sim.publicKey))}`;
}

export interface RawAnswer {
  status: number;
  text: string;
  json: Record<string, unknown> | null;
}

/** One request as any HTTP client could send it; `headers` replace the defaults (Origin *, JSON). */
export async function rawRequest(sim: RunningVodacomSimulator, path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<RawAnswer> {
  const res = await fetch(`${sim.url}${path}`, {
    method: init.method ?? "GET",
    headers: { Origin: "*", "Content-Type": "application/json", ...init.headers },
    body: init.body,
  });
  const text = await res.text();
  let json: Record<string, unknown> | null = null;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    json = null;
  }
  return { status: res.status, text, json };
}

/** A live session id, obtained the way the client does. */
export async function rawSession(sim: RunningVodacomSimulator): Promise<string> {
  const answer = await rawRequest(sim, apiPath("getSession"), { headers: { Authorization: bearerFor(sim, sim.options.apiKey) } });
  if (answer.status !== 200) throw new Error(`getSession answered HTTP ${answer.status}: ${answer.text}`);
  return String(answer.json?.output_SessionID);
}

export interface ResultListener {
  url: string;
  received: { body: string; parsed: ParsedPostedResult }[];
  /** From now on, answer with this status and body instead of the acknowledgement. */
  answerWith(status: number, body: string): void;
  /** Back to answering with Vodacom's acknowledgement. */
  acknowledge(): void;
  waitFor(thirdPartyConversationId: string, timeoutMs?: number): Promise<ParsedPostedResult>;
  close(): Promise<void>;
}

/** A listener for async results that parses them with the client's parser and acknowledges them. */
export async function startResultListener(): Promise<ResultListener> {
  const received: ResultListener["received"] = [];
  let override: { status: number; body: string } | null = null;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const parsed = parseVodacomResult(body);
      received.push({ body, parsed });
      const answer = override ?? { status: 200, body: JSON.stringify(parsed.ok ? buildResultAcknowledgement(parsed.result) : { error: parsed.reason }) };
      res.writeHead(answer.status, { "Content-Type": "application/json" });
      res.end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/vodacom/results`,
    received,
    answerWith: (status, body) => void (override = { status, body }),
    acknowledge: () => void (override = null),
    async waitFor(id, timeoutMs = 3000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const hit = received.find((r) => r.parsed.ok && r.parsed.result.thirdPartyConversationId === id);
        if (hit) return hit.parsed;
        if (Date.now() > deadline) throw new Error(`No result for ${id} within ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 5));
      }
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
