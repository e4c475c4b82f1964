import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import pino from "pino";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SANDBOX_PASSKEY, SANDBOX_SHORTCODE, SIMULATOR_CONSUMER_KEY, SIMULATOR_CONSUMER_SECRET, type DarajaConfig } from "@/lib/env";
import { parseStkCallback, type ParsedStkCallback } from "./callback";
import { createDarajaClient, type StkPushResult } from "./client";
import { scenarioPhone } from "./simulator/scenarios";
import { startSimulator, type RunningSimulator, type SimulatorOptions } from "./simulator/server";

/**
 * The Daraja client over real HTTP against the simulator: every scenario of
 * lib/rails/daraja/simulator/scenarios.ts, token expiry and revocation, concurrency, bad credentials.
 * Callbacks land on a local receiver and go through parseStkCallback, as in production.
 */

const TILL = "5544332";
const AMOUNT = 100;
const silent = pino({ level: "silent" });

interface Receiver {
  url: string;
  /** Bodies parseStkCallback refused: there must be none. */
  failures: string[];
  received: { path: string; headers: IncomingMessage["headers"]; callback: ParsedStkCallback }[];
  callbacksFor(checkoutRequestId: string): ParsedStkCallback[];
  close(): Promise<void>;
}

/** A stand-in for Malipo's callback endpoint: records, acknowledges, and parses every body. */
async function startReceiver(): Promise<Receiver> {
  const received: Receiver["received"] = [];
  const failures: string[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const parsed = parseStkCallback(Buffer.concat(chunks).toString("utf8"));
      if (parsed.ok) received.push({ path: req.url ?? "", headers: req.headers, callback: parsed.callback });
      else failures.push(parsed.reason);
      res.writeHead(200, { "Content-Type": "application/json" }).end('{"ResultCode":0,"ResultDesc":"Accepted"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/callbacks/stk/t0k3n`,
    failures,
    received,
    callbacksFor: (id) => received.filter((r) => r.callback.checkoutRequestId === id).map((r) => r.callback),
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

/** Wraps the real fetch to count calls per path (OAuth calls especially). */
function countingFetch() {
  const paths: string[] = [];
  const fetchImpl: typeof fetch = (input, init) => {
    paths.push(new URL(input instanceof Request ? input.url : String(input)).pathname);
    return fetch(input, init);
  };
  return { fetch: fetchImpl, count: (path: string) => paths.filter((p) => p === path).length };
}
const OAUTH = "/oauth/v1/generate";
const PUSH_PATH = "/mpesa/stkpush/v1/processrequest";

function configFor(sim: RunningSimulator, overrides: Partial<DarajaConfig> = {}): DarajaConfig {
  return {
    mode: "test", baseUrl: sim.url, consumerKey: SIMULATOR_CONSUMER_KEY, consumerSecret: SIMULATOR_CONSUMER_SECRET,
    shortcode: SANDBOX_SHORTCODE, passkey: SANDBOX_PASSKEY, tillNumber: null, timeoutMs: 5000, isSimulator: true, ...overrides,
  };
}

async function eventually<T>(read: () => T | Promise<T>, done: (value: T) => boolean, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 25));
  }
}

function accepted(result: StkPushResult): Extract<StkPushResult, { kind: "accepted" }> {
  if (result.kind !== "accepted") throw new Error(`push not accepted: ${JSON.stringify(result)}`);
  return result;
}

const sims: RunningSimulator[] = [];
async function simulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const sim = await startSimulator({
    port: 0, callbackDelayMs: 100, lateCallbackDelayMs: 1500, hangMs: 3000, manualTimeoutMs: 30_000,
    shortcodes: [{ shortcode: SANDBOX_SHORTCODE, passkey: SANDBOX_PASSKEY, tills: [TILL] }],
    ...options,
  });
  sims.push(sim);
  return sim;
}

let receiver: Receiver;
let sim: RunningSimulator;

beforeAll(async () => {
  receiver = await startReceiver();
  sim = await simulator();
});

afterAll(async () => {
  await Promise.all(sims.map((s) => s.close()));
  await receiver.close();
});

beforeEach(async () => {
  await sim.reset();
});

afterEach(() => {
  expect(receiver.failures).toEqual([]);
});

function push(client: ReturnType<typeof createDarajaClient>, phone: string, amount = AMOUNT) {
  return client.stkPush({ amount, phone, accountReference: "INV00042", description: "Order 42", callbackUrl: receiver.url });
}

describe("scenarios settled by a callback", () => {
  it.each([
    ["success", "succeeded", "0"],
    ["cancelled", "cancelled", "1032"],
    ["no-response", "failed", "1037"],
    ["insufficient-funds", "failed", "1"],
    ["wrong-pin", "failed", "2001"],
    ["expired", "failed", "1019"],
    ["push-error", "failed", "1025"],
    ["rule-limited", "failed", "17"],
  ])("%s → callback and query say %s (%s)", async (scenario, outcome, code) => {
    const client = createDarajaClient(configFor(sim), { logger: silent });
    const phone = scenarioPhone(scenario);
    const { checkoutRequestId, merchantRequestId } = accepted(await push(client, `0${phone.slice(3)}`));

    const [callback] = await eventually(() => receiver.callbacksFor(checkoutRequestId), (c) => c.length > 0);
    expect(callback).toMatchObject({ merchantRequestId, resultCode: code, classification: { outcome, known: true } });
    if (outcome === "succeeded") {
      expect(callback).toMatchObject({ amount: AMOUNT, phone, receipt: expect.stringMatching(/^[A-Z0-9]{10}$/) });
      expect(Math.abs((callback?.transactionDate?.getTime() ?? 0) - Date.now())).toBeLessThan(60_000);
    } else {
      expect(callback?.amount).toBeUndefined();
    }

    const query = await client.stkQuery(checkoutRequestId);
    expect(query).toMatchObject({ kind: "final", resultCode: code, classification: { outcome }, checkoutRequestId, merchantRequestId });
  });

  it("any other number succeeds", async () => {
    const client = createDarajaClient(configFor(sim), { logger: silent });
    const { checkoutRequestId } = accepted(await push(client, "0712 345 678"));
    const [callback] = await eventually(() => receiver.callbacksFor(checkoutRequestId), (c) => c.length > 0);
    expect(callback).toMatchObject({ resultCode: "0", phone: "254712345678", amount: AMOUNT });
  });

  it("amount-mismatch reports another amount in the callback", async () => {
    const client = createDarajaClient(configFor(sim), { logger: silent });
    const { checkoutRequestId } = accepted(await push(client, scenarioPhone("amount-mismatch"), 500));
    const [callback] = await eventually(() => receiver.callbacksFor(checkoutRequestId), (c) => c.length > 0);
    expect(callback).toMatchObject({ classification: { outcome: "succeeded" }, amount: 499 });
  });

  it("triple-callback delivers the same callback three times", async () => {
    const client = createDarajaClient(configFor(sim), { logger: silent });
    const { checkoutRequestId } = accepted(await push(client, scenarioPhone("triple-callback")));
    const callbacks = await eventually(() => receiver.callbacksFor(checkoutRequestId), (c) => c.length >= 3);
    expect(callbacks).toHaveLength(3);
    expect(new Set(callbacks.map((c) => c.receipt)).size).toBe(1);
  });

  it("callbacks carry the BusinessShortCode header and our path unchanged", async () => {
    const client = createDarajaClient(configFor(sim), { logger: silent });
    const { checkoutRequestId } = accepted(await push(client, scenarioPhone("success")));
    await eventually(() => receiver.callbacksFor(checkoutRequestId), (c) => c.length > 0);
    const delivery = receiver.received.find((r) => r.callback.checkoutRequestId === checkoutRequestId);
    expect(delivery).toMatchObject({ path: "/api/callbacks/stk/t0k3n", headers: { businessshortcode: SANDBOX_SHORTCODE } });
  });
});

describe("scenarios the query must settle", () => {
  it("no-callback: only the query knows the payment succeeded", async () => {
    const client = createDarajaClient(configFor(sim), { logger: silent });
    const { checkoutRequestId } = accepted(await push(client, scenarioPhone("no-callback")));
    const query = await eventually(() => client.stkQuery(checkoutRequestId), (q) => q.kind === "final");
    expect(query).toMatchObject({ kind: "final", classification: { outcome: "succeeded" } });
    expect(receiver.callbacksFor(checkoutRequestId)).toHaveLength(0);
  });

  it("late-callback: pending at first, then a success and its callback", async () => {
    const client = createDarajaClient(configFor(sim), { logger: silent });
    const { checkoutRequestId } = accepted(await push(client, scenarioPhone("late-callback")));
    expect(await client.stkQuery(checkoutRequestId)).toMatchObject({ kind: "pending" });
    const [callback] = await eventually(() => receiver.callbacksFor(checkoutRequestId), (c) => c.length > 0);
    expect(callback?.classification.outcome).toBe("succeeded");
    expect(await client.stkQuery(checkoutRequestId)).toMatchObject({ kind: "final", resultCode: "0" });
  });

  it("pending-forever: the query keeps answering 4999 (pending), never a failure", async () => {
    const client = createDarajaClient(configFor(sim), { logger: silent });
    const { checkoutRequestId } = accepted(await push(client, scenarioPhone("pending-forever")));
    for (let i = 0; i < 3; i++) {
      expect(await client.stkQuery(checkoutRequestId)).toMatchObject({ kind: "pending", reason: expect.stringContaining("not answered") });
      await new Promise((r) => setTimeout(r, 150));
    }
  });

  it("pending-forever with the legacy HTTP 500 500.001.1001 answer is pending too", async () => {
    const legacy = await simulator({ pendingStyle: "500", queryTypo: true });
    const client = createDarajaClient(configFor(legacy), { logger: silent });
    const { checkoutRequestId } = accepted(await push(client, scenarioPhone("pending-forever")));
    expect(await client.stkQuery(checkoutRequestId)).toMatchObject({ kind: "pending", reason: expect.stringContaining("being processed") });
  });

  it("an unknown CheckoutRequestID (\"does not Exist\") is pending, not failed", async () => {
    const client = createDarajaClient(configFor(sim), { logger: silent });
    expect(await client.stkQuery("ws_CO_01012025000000000708374149")).toMatchObject({ kind: "pending", reason: expect.stringContaining("does not Exist") });
  });
});

describe("scenarios refused or lost at push time", () => {
  it("system-busy: spike arrest is retryable and nothing was created", async () => {
    const client = createDarajaClient(configFor(sim), { logger: silent });
    const result = await push(client, scenarioPhone("system-busy"));
    expect(result).toMatchObject({ kind: "retryable", error: { errorCode: "500.003.02", httpStatus: 500 } });
    expect(sim.pushes()).toHaveLength(0);
  });

  it("push-hangs: the timeout is an unknown outcome, and the customer is charged anyway", async () => {
    const counting = countingFetch();
    const client = createDarajaClient(configFor(sim, { timeoutMs: 400 }), { logger: silent, fetch: counting.fetch });
    const result = await push(client, scenarioPhone("push-hangs"));
    expect(result).toMatchObject({ kind: "unknown", error: { kind: "unknown_outcome" } });
    // Never retried: a second request would be a second prompt.
    expect(counting.count(PUSH_PATH)).toBe(1);
    const [pushed] = sim.pushes();
    const [callback] = await eventually(() => receiver.callbacksFor(pushed?.checkoutRequestId ?? ""), (c) => c.length > 0);
    expect(callback?.classification.outcome).toBe("succeeded");
  });

  it("manual: a person cancels or pays on the phone page", async () => {
    const client = createDarajaClient(configFor(sim), { logger: silent });
    const phone = scenarioPhone("manual");
    const answer = async (id: string, action: string, pin = "") =>
      fetch(`${sim.url}/phone/${phone}/${id}/${action}`, { method: "POST", body: new URLSearchParams({ pin }), redirect: "manual" });

    const cancelled = accepted(await push(client, phone));
    expect(await client.stkQuery(cancelled.checkoutRequestId)).toMatchObject({ kind: "pending" });
    expect((await answer(cancelled.checkoutRequestId, "cancel")).status).toBe(303);
    const [c1] = await eventually(() => receiver.callbacksFor(cancelled.checkoutRequestId), (c) => c.length > 0);
    expect(c1?.classification.outcome).toBe("cancelled");

    const paid = accepted(await push(client, phone, 250));
    expect((await answer(paid.checkoutRequestId, "accept", sim.options.customerPin)).status).toBe(303);
    const [c2] = await eventually(() => receiver.callbacksFor(paid.checkoutRequestId), (c) => c.length > 0);
    expect(c2).toMatchObject({ classification: { outcome: "succeeded" }, amount: 250 });
  });
});

describe("Buy Goods", () => {
  it("a push to the store's till succeeds", async () => {
    const client = createDarajaClient(configFor(sim, { tillNumber: TILL }), { logger: silent });
    const { checkoutRequestId } = accepted(await push(client, scenarioPhone("success")));
    const [callback] = await eventually(() => receiver.callbacksFor(checkoutRequestId), (c) => c.length > 0);
    expect(callback?.classification.outcome).toBe("succeeded");
    expect(sim.pushes()[0]?.request).toMatchObject({ transactionType: "CustomerBuyGoodsOnline", partyB: TILL, businessShortCode: SANDBOX_SHORTCODE });
  });

  it("a till that is not the store's ends as SFC_IC0003, a readable failure", async () => {
    const client = createDarajaClient(configFor(sim, { tillNumber: "9999999" }), { logger: silent });
    const { checkoutRequestId } = accepted(await push(client, scenarioPhone("success")));
    const [callback] = await eventually(() => receiver.callbacksFor(checkoutRequestId), (c) => c.length > 0);
    expect(callback).toMatchObject({ resultCode: "SFC_IC0003", classification: { outcome: "failed", known: true, reason: expect.stringContaining("till") } });
  });
});

describe("credentials", () => {
  it("a wrong passkey is a permanent \"Wrong credentials\" configuration error", async () => {
    const client = createDarajaClient(configFor(sim, { passkey: "not-the-passkey" }), { logger: silent });
    const result = await push(client, scenarioPhone("success"));
    expect(result).toMatchObject({ kind: "rejected", error: { kind: "configuration", errorCode: "500.001.1001", errorMessage: "Wrong credentials" } });
    expect(sim.pushes()).toHaveLength(0);
  });

  it("an unknown shortcode is a configuration error", async () => {
    const client = createDarajaClient(configFor(sim, { shortcode: "600999" }), { logger: silent });
    expect(await push(client, scenarioPhone("success"))).toMatchObject({ kind: "rejected", error: { kind: "configuration", errorMessage: "Merchant does not exist" } });
  });

  it("a wrong consumer secret is a configuration error, and the push is never sent", async () => {
    const counting = countingFetch();
    const client = createDarajaClient(configFor(sim, { consumerSecret: "wrong" }), { logger: silent, fetch: counting.fetch });
    await expect(client.getAccessToken()).rejects.toMatchObject({ kind: "configuration", httpStatus: 400, message: expect.stringContaining("consumer key/secret") });
    expect(await push(client, scenarioPhone("success"))).toMatchObject({ kind: "rejected", error: { kind: "configuration" } });
    expect(counting.count(PUSH_PATH)).toBe(0);
  });
});

describe("tokens", () => {
  it("50 concurrent pushes share one OAuth call", async () => {
    const counting = countingFetch();
    const client = createDarajaClient(configFor(sim), { logger: silent, fetch: counting.fetch });
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => push(client, `07${String(10_000_000 + i)}`)));
    expect(results.map((r) => r.kind)).toEqual(Array(50).fill("accepted"));
    expect(new Set(results.map((r) => accepted(r).checkoutRequestId)).size).toBe(50);
    expect(counting.count(OAUTH)).toBe(1);
    expect(counting.count(PUSH_PATH)).toBe(50);
  });

  it("a short-lived token is refreshed before it expires", async () => {
    const shortLived = await simulator({ tokenTtlSeconds: 1, numericExpiresIn: true });
    const counting = countingFetch();
    const client = createDarajaClient(configFor(shortLived), { logger: silent, fetch: counting.fetch });
    accepted(await push(client, scenarioPhone("pending-forever")));
    accepted(await push(client, scenarioPhone("pending-forever")));
    expect(counting.count(OAUTH)).toBe(1);
    await new Promise((r) => setTimeout(r, 1100));
    accepted(await push(client, scenarioPhone("pending-forever")));
    expect(counting.count(OAUTH)).toBe(2);
    expect(counting.count(PUSH_PATH)).toBe(3);
  });

  it("a token that expires at Daraja mid-run is dropped and the push retried once", async () => {
    let offsetMs = 0;
    const drifting = await simulator({ now: () => new Date(Date.now() + offsetMs) });
    const counting = countingFetch();
    const client = createDarajaClient(configFor(drifting), { logger: silent, fetch: counting.fetch });
    const token = await client.getAccessToken();
    accepted(await push(client, scenarioPhone("pending-forever")));
    // Daraja's clock passes the token's hour while our cache still trusts it.
    offsetMs = 3600_000;
    accepted(await push(client, scenarioPhone("pending-forever")));
    expect(counting.count(OAUTH)).toBe(2);
    expect(counting.count(PUSH_PATH)).toBe(3);
    expect(await client.getAccessToken()).not.toBe(token);
  });

  it("a token revoked by another process's refresh is replaced, for pushes and queries alike", async () => {
    const revoking = await simulator({ revokeOnReissue: true });
    const counting = countingFetch();
    const mine = createDarajaClient(configFor(revoking), { logger: silent, fetch: counting.fetch });
    const other = () => createDarajaClient(configFor(revoking), { logger: silent }).getAccessToken();
    const first = accepted(await push(mine, scenarioPhone("pending-forever")));
    await other();
    accepted(await push(mine, scenarioPhone("pending-forever")));
    expect(counting.count(OAUTH)).toBe(2);
    expect(counting.count(PUSH_PATH)).toBe(3);
    await other();
    expect(await mine.stkQuery(first.checkoutRequestId)).toMatchObject({ kind: "pending" });
    expect(counting.count(OAUTH)).toBe(3);
  });
});
