import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { SANDBOX_PASSKEY, SANDBOX_SHORTCODE, SIMULATOR_CONSUMER_KEY, SIMULATOR_CONSUMER_SECRET } from "@/lib/env";
import { darajaTimestamp, stkPassword } from "../password";

/**
 * Helpers for tests that drive a simulator over HTTP the way a Daraja client would, plus a
 * loopback receiver that records the callbacks. Other modules' tests may use them too.
 */
export interface ReceivedCallback {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  json: unknown;
}

export interface CallbackReceiver {
  url: string;
  received: ReceivedCallback[];
  /** HTTP status the receiver answers with from now on. */
  respondWith(status: number): void;
  /** Callbacks received for one CheckoutRequestID, in arrival order. */
  forCheckout(checkoutRequestId: string): ReceivedCallback[];
  /** Resolves once `count` callbacks for the push have arrived; rejects after `timeoutMs`. */
  waitFor(checkoutRequestId: string, count?: number, timeoutMs?: number): Promise<ReceivedCallback[]>;
  close(): Promise<void>;
}

export async function startCallbackReceiver(): Promise<CallbackReceiver> {
  const received: ReceivedCallback[] = [];
  let status = 200;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      let json: unknown = null;
      try {
        json = JSON.parse(body);
      } catch {
        json = null;
      }
      received.push({ path: req.url ?? "", headers: req.headers, body, json });
      res.writeHead(status, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ ResultCode: 0, ResultDesc: "Accepted" }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const forCheckout = (id: string) => received.filter((r) => checkoutIdOf(r.json) === id);
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    respondWith: (s) => void (status = s),
    forCheckout,
    waitFor: (id, count = 1, timeoutMs = 3000) => waitUntil(() => {
      const got = forCheckout(id);
      return got.length >= count ? got : null;
    }, timeoutMs),
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

function checkoutIdOf(json: unknown): string | undefined {
  const body = json as { Body?: { stkCallback?: { CheckoutRequestID?: string } } } | null;
  return body?.Body?.stkCallback?.CheckoutRequestID;
}

/** Polls `check` every 5 ms until it returns something other than null/undefined. */
export async function waitUntil<T>(check: () => T | null | undefined | Promise<T | null | undefined>, timeoutMs = 3000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== null && value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

export const basicAuth = (key = SIMULATOR_CONSUMER_KEY, secret = SIMULATOR_CONSUMER_SECRET) =>
  `Basic ${Buffer.from(`${key}:${secret}`).toString("base64")}`;

export async function getToken(baseUrl: string): Promise<string> {
  const res = await fetch(`${baseUrl}/oauth/v1/generate?grant_type=client_credentials`, { headers: { Authorization: basicAuth() } });
  if (res.status !== 200) throw new Error(`OAuth failed with HTTP ${res.status}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

/** A valid paybill push body for 174379, password built from `at` as a client does. */
export function stkPushBody(overrides: Record<string, unknown> = {}, at = new Date()): Record<string, unknown> {
  const timestamp = darajaTimestamp(at);
  return {
    BusinessShortCode: SANDBOX_SHORTCODE,
    Password: stkPassword(SANDBOX_SHORTCODE, SANDBOX_PASSKEY, timestamp),
    Timestamp: timestamp,
    TransactionType: "CustomerPayBillOnline",
    Amount: 10,
    PartyA: "254708374149",
    PartyB: SANDBOX_SHORTCODE,
    PhoneNumber: "254708374149",
    CallBackURL: "http://127.0.0.1:9/callback",
    AccountReference: "INV00042",
    TransactionDesc: "Order 42",
    ...overrides,
  };
}

export function stkQueryBody(checkoutRequestId: string, at = new Date()): Record<string, unknown> {
  const timestamp = darajaTimestamp(at);
  return {
    BusinessShortCode: SANDBOX_SHORTCODE,
    Password: stkPassword(SANDBOX_SHORTCODE, SANDBOX_PASSKEY, timestamp),
    Timestamp: timestamp,
    CheckoutRequestID: checkoutRequestId,
  };
}

export interface JsonResponse {
  status: number;
  body: Record<string, unknown>;
}

/** POSTs JSON with a bearer token and returns status + parsed body ({} when empty). */
export async function postJson(url: string, token: string, body: unknown, init: RequestInit = {}): Promise<JsonResponse> {
  const res = await fetch(url, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    body: JSON.stringify(body),
    ...init,
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}
