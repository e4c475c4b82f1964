import { Writable } from "node:stream";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { SANDBOX_PASSKEY, type DarajaConfig } from "@/lib/env";
import { createDarajaClient, type DarajaClientDeps } from "./client";
import { stkPassword } from "./password";

const config: DarajaConfig = {
  mode: "test",
  baseUrl: "https://daraja.test",
  consumerKey: "consumer-key-123",
  consumerSecret: "consumer-secret-456",
  shortcode: "174379",
  passkey: SANDBOX_PASSKEY,
  tillNumber: null,
  timeoutMs: 100,
  isSimulator: false,
};

const PUSH = { amount: 10, phone: "0708374149", accountReference: "INV00042", description: "Order 42", callbackUrl: "https://pay.example.co.ke/api/callbacks/stk/t0k3n" };
const ACCEPTED = {
  MerchantRequestID: "ac7b-470b-8df7-23ab3cef38271071873",
  CheckoutRequestID: "ws_CO_14032025153013069708374149",
  ResponseCode: "0",
  ResponseDescription: "Success. Request accepted for processing",
  CustomerMessage: "Success. Request accepted for processing",
};
const silent = pino({ level: "silent" });

interface Call {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Record<string, unknown> | null;
  signal: AbortSignal | null;
}
type Handler = (call: Call, n: number) => Response | Promise<Response>;

/** A fake Daraja: OAuth answers with numbered tokens unless overridden; every request is recorded. */
function fakeDaraja(handlers: { oauth?: Handler; push?: Handler; query?: Handler } = {}) {
  const calls: Call[] = [];
  let tokens = 0;
  const counts = { oauth: 0, push: 0, query: 0 };
  const fetchImpl = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input));
    const call: Call = {
      method: init?.method ?? "GET",
      path: url.pathname + url.search,
      headers: Object.fromEntries(new Headers(init?.headers).entries()),
      body: typeof init?.body === "string" ? (JSON.parse(init.body) as Record<string, unknown>) : null,
      signal: init?.signal ?? null,
    };
    calls.push(call);
    if (url.pathname === "/oauth/v1/generate") {
      counts.oauth++;
      if (handlers.oauth) return handlers.oauth(call, counts.oauth);
      return json({ access_token: `token-${++tokens}`, expires_in: "3599" });
    }
    if (url.pathname === "/mpesa/stkpush/v1/processrequest") {
      counts.push++;
      return handlers.push ? handlers.push(call, counts.push) : json(ACCEPTED);
    }
    if (url.pathname === "/mpesa/stkpushquery/v1/query") {
      counts.query++;
      if (handlers.query) return handlers.query(call, counts.query);
    }
    return json({ requestId: "x", errorCode: "404.001.01", errorMessage: "Resource not found" }, 404);
  }) as typeof fetch;
  return { fetch: fetchImpl, calls, counts };
}

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

function envelope(errorCode: string, errorMessage: string, status: number): Response {
  return json({ requestId: "1c5b-4ba8-815c-ac45c57a3db01495926", errorCode, errorMessage }, status);
}

/** Never answers; rejects when the client's timeout aborts the request, as Node's fetch does. */
function hang(call: Call): Promise<Response> {
  return new Promise((_, reject) => call.signal?.addEventListener("abort", () => reject(call.signal?.reason)));
}

function networkError(code: string): never {
  throw new TypeError("fetch failed", { cause: Object.assign(new Error(`connect ${code}`), { code }) });
}

function clock(start = "2025-03-14T12:30:12Z") {
  let t = new Date(start).getTime();
  return { now: () => new Date(t), advance: (seconds: number) => { t += seconds * 1000; } };
}

function client(fake: ReturnType<typeof fakeDaraja>, deps: DarajaClientDeps = {}, overrides: Partial<DarajaConfig> = {}) {
  return createDarajaClient({ ...config, ...overrides }, { fetch: fake.fetch, logger: silent, ...deps });
}

describe("getAccessToken", () => {
  it("asks OAuth with Basic auth and caches the token", async () => {
    const fake = fakeDaraja();
    const daraja = client(fake);
    expect(await daraja.getAccessToken()).toBe("token-1");
    expect(await daraja.getAccessToken()).toBe("token-1");
    expect(fake.counts.oauth).toBe(1);
    expect(fake.calls[0]).toMatchObject({
      method: "GET",
      path: "/oauth/v1/generate?grant_type=client_credentials",
      headers: { authorization: `Basic ${Buffer.from("consumer-key-123:consumer-secret-456").toString("base64")}` },
    });
  });

  it.each([["3599"], [3599]])("reads expires_in %j and refreshes 60 s before expiry", async (expiresIn) => {
    let n = 0;
    const fake = fakeDaraja({ oauth: () => json({ access_token: `tok-${++n}`, expires_in: expiresIn }) });
    const time = clock();
    const daraja = client(fake, { now: time.now });
    expect(await daraja.getAccessToken()).toBe("tok-1");
    time.advance(3538);
    expect(await daraja.getAccessToken()).toBe("tok-1");
    time.advance(2);
    expect(await daraja.getAccessToken()).toBe("tok-2");
    expect(fake.counts.oauth).toBe(2);
  });

  it("assumes the documented lifetime when expires_in is missing", async () => {
    const fake = fakeDaraja({ oauth: () => json({ access_token: "tok" }) });
    const time = clock();
    const daraja = client(fake, { now: time.now });
    await daraja.getAccessToken();
    time.advance(3500);
    await daraja.getAccessToken();
    expect(fake.counts.oauth).toBe(1);
  });

  it("shares one in-flight refresh between 50 concurrent callers", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const fake = fakeDaraja({ oauth: async () => { await gate; return json({ access_token: "shared", expires_in: "3599" }); } });
    const daraja = client(fake);
    const pending = Array.from({ length: 50 }, () => daraja.getAccessToken());
    release();
    expect(new Set(await Promise.all(pending))).toEqual(new Set(["shared"]));
    expect(fake.counts.oauth).toBe(1);
  });

  it("fails every waiter of a failed refresh, then tries again on the next call", async () => {
    const fake = fakeDaraja({ oauth: (_c, n) => (n === 1 ? new Response("", { status: 503 }) : json({ access_token: "second", expires_in: 3599 })) });
    const daraja = client(fake);
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => daraja.getAccessToken()));
    expect(results.every((r) => r.status === "rejected" && r.reason.kind === "retryable")).toBe(true);
    expect(await daraja.getAccessToken()).toBe("second");
    expect(fake.counts.oauth).toBe(2);
  });

  it("turns HTTP 400 with an empty body into a configuration error", async () => {
    const fake = fakeDaraja({ oauth: () => new Response("", { status: 400 }) });
    await expect(client(fake).getAccessToken()).rejects.toMatchObject({ name: "DarajaError", kind: "configuration", message: expect.stringMatching(/consumer key\/secret/) });
  });

  it("a 200 without access_token is a retryable error", async () => {
    const fake = fakeDaraja({ oauth: () => json({ expires_in: "3599" }) });
    await expect(client(fake).getAccessToken()).rejects.toMatchObject({ kind: "retryable" });
  });
});

describe("stkPush", () => {
  it("sends a paybill push with an EAT timestamp and the matching password", async () => {
    const fake = fakeDaraja();
    const time = clock("2025-03-14T12:30:12Z");
    const result = await client(fake, { now: time.now }).stkPush(PUSH);
    expect(result).toEqual({ kind: "accepted", merchantRequestId: ACCEPTED.MerchantRequestID, checkoutRequestId: ACCEPTED.CheckoutRequestID, customerMessage: ACCEPTED.CustomerMessage });
    const push = fake.calls.find((c) => c.path === "/mpesa/stkpush/v1/processrequest");
    expect(push?.method).toBe("POST");
    expect(push?.headers).toMatchObject({ authorization: "Bearer token-1", "content-type": "application/json" });
    expect(push?.body).toEqual({
      BusinessShortCode: 174379,
      Password: stkPassword("174379", SANDBOX_PASSKEY, "20250314153012"),
      Timestamp: "20250314153012",
      TransactionType: "CustomerPayBillOnline",
      Amount: 10,
      PartyA: 254708374149,
      PartyB: 174379,
      PhoneNumber: 254708374149,
      CallBackURL: PUSH.callbackUrl,
      AccountReference: "INV00042",
      TransactionDesc: "Order 42",
    });
  });

  it("sends a Buy Goods push to the till, with the store number as BusinessShortCode", async () => {
    const fake = fakeDaraja();
    await client(fake, {}, { tillNumber: "5544332" }).stkPush({ ...PUSH, description: undefined });
    const body = fake.calls.find((c) => c.path.startsWith("/mpesa/stkpush"))?.body;
    expect(body).toMatchObject({ TransactionType: "CustomerBuyGoodsOnline", BusinessShortCode: 174379, PartyB: 5544332, TransactionDesc: "Payment" });
    expect(body?.Password).toBe(stkPassword("174379", SANDBOX_PASSKEY, String(body?.Timestamp)));
  });

  it("rejects invalid input before calling Daraja", async () => {
    const fake = fakeDaraja();
    const daraja = client(fake);
    for (const bad of [{ amount: 0 }, { amount: 10.5 }, { amount: 250_001 }, { phone: "0812345678" }, { accountReference: "THIRTEEN-CHAR" }, { description: "fourteen chars" }]) {
      const result = await daraja.stkPush({ ...PUSH, ...bad });
      expect(result.kind).toBe("rejected");
      if (result.kind === "rejected") expect(result.error.field).toBe(Object.keys(bad)[0]);
    }
    expect(fake.calls).toHaveLength(0);
  });

  it("shares one OAuth call between 50 concurrent pushes", async () => {
    const fake = fakeDaraja({ oauth: async () => { await new Promise((r) => setTimeout(r, 20)); return json({ access_token: "one", expires_in: "3599" }); } });
    const daraja = client(fake);
    const results = await Promise.all(Array.from({ length: 50 }, () => daraja.stkPush(PUSH)));
    expect(results.every((r) => r.kind === "accepted")).toBe(true);
    expect(fake.counts).toMatchObject({ oauth: 1, push: 50 });
  });

  it("refreshes a token that expires mid-run", async () => {
    const fake = fakeDaraja();
    const time = clock();
    const daraja = client(fake, { now: time.now });
    await daraja.stkPush(PUSH);
    time.advance(3600);
    await daraja.stkPush(PUSH);
    const bearers = fake.calls.filter((c) => c.path.startsWith("/mpesa/stkpush")).map((c) => c.headers.authorization);
    expect(bearers).toEqual(["Bearer token-1", "Bearer token-2"]);
  });

  it.each([
    ["404.001.03", 404, "Invalid Access Token"],
    ["400.003.01", 400, "Invalid Access Token"],
    ["401.002.01", 401, "Error Occurred - Invalid Access Token - "],
  ])("drops a token rejected with %s and retries once", async (code, status, message) => {
    const fake = fakeDaraja({ push: (_c, n) => (n === 1 ? envelope(code, message, status) : json(ACCEPTED)) });
    const daraja = client(fake);
    expect((await daraja.stkPush(PUSH)).kind).toBe("accepted");
    const bearers = fake.calls.filter((c) => c.path.startsWith("/mpesa/stkpush")).map((c) => c.headers.authorization);
    expect(bearers).toEqual(["Bearer token-1", "Bearer token-2"]);
    // The fresh token is the one cached afterwards.
    expect(await daraja.getAccessToken()).toBe("token-2");
  });

  it("retries a rejected token only once; refused again it is Malipo's configuration (the app lacks the product)", async () => {
    const fake = fakeDaraja({ push: () => envelope("404.001.03", "Invalid Access Token", 404) });
    const result = await client(fake).stkPush(PUSH);
    expect(result).toMatchObject({ kind: "rejected", error: { kind: "configuration", errorCode: "404.001.03" } });
    expect(fake.counts).toMatchObject({ oauth: 2, push: 2 });
  });

  it("reports a timeout as an unknown outcome and never retries the push", async () => {
    const fake = fakeDaraja({ push: hang });
    const result = await client(fake).stkPush(PUSH);
    expect(result).toMatchObject({ kind: "unknown", reason: expect.stringMatching(/did not answer within the timeout.*may have reached the phone/) });
    expect(fake.counts.push).toBe(1);
  });

  it("reports a connection reset as an unknown outcome", async () => {
    const fake = fakeDaraja({ push: () => networkError("ECONNRESET") });
    expect(await client(fake).stkPush(PUSH)).toMatchObject({ kind: "unknown", error: { kind: "unknown_outcome" } });
    expect(fake.counts.push).toBe(1);
  });

  it("reports a refused connection as retryable: nothing reached Daraja", async () => {
    const fake = fakeDaraja({ push: () => networkError("ECONNREFUSED") });
    expect(await client(fake).stkPush(PUSH)).toMatchObject({ kind: "retryable", error: { kind: "retryable", message: expect.stringContaining("ECONNREFUSED") } });
    expect(fake.counts.push).toBe(1);
  });

  it("400.002.02 is a rejection naming the field", async () => {
    const fake = fakeDaraja({ push: () => envelope("400.002.02", "Bad Request - Invalid PhoneNumber", 400) });
    expect(await client(fake).stkPush(PUSH)).toMatchObject({ kind: "rejected", error: { kind: "permanent", field: "PhoneNumber", errorCode: "400.002.02", httpStatus: 400 } });
  });

  it("spike arrest is retryable and not retried by the client", async () => {
    const fake = fakeDaraja({ push: () => envelope("500.003.02", "Error Occurred: Spike Arrest Violation", 500) });
    expect(await client(fake).stkPush(PUSH)).toMatchObject({ kind: "retryable", error: { errorCode: "500.003.02" } });
    expect(fake.counts.push).toBe(1);
  });

  it("wrong credentials is a configuration rejection", async () => {
    const fake = fakeDaraja({ push: () => envelope("500.001.1001", "Wrong credentials", 500) });
    expect(await client(fake).stkPush(PUSH)).toMatchObject({ kind: "rejected", error: { kind: "configuration" } });
  });

  it("unable to lock subscriber is a rejection with a readable reason", async () => {
    const fake = fakeDaraja({ push: () => envelope("500.001.1001", "Unable to lock subscriber, a transaction is already in process for the current subscriber", 500) });
    expect(await client(fake).stkPush(PUSH)).toMatchObject({ kind: "rejected", error: { kind: "permanent", message: expect.stringContaining("another M-Pesa transaction") } });
  });

  it.each([
    ["an HTML error page", () => new Response("<html><title>503 Service Unavailable</title></html>", { status: 503 })],
    ["an empty 502", () => new Response("", { status: 502 })],
    ["a SOAP fault", () => json({ Envelope: { Body: { Fault: { faultcode: "soap:Server", faultstring: "boom" } } } }, 500)],
    ["a 200 it cannot read", () => new Response("OK", { status: 200 })],
    ["a 200 without CheckoutRequestID", () => json({ ResponseCode: "0" })],
  ])("%s leaves the outcome unknown", async (_name, answer) => {
    const fake = fakeDaraja({ push: answer });
    expect((await client(fake).stkPush(PUSH)).kind).toBe("unknown");
    expect(fake.counts.push).toBe(1);
  });

  it("a 200 with a non-zero ResponseCode is a rejection", async () => {
    const fake = fakeDaraja({ push: () => json({ ResponseCode: "1", ResponseDescription: "Rejected" }) });
    expect(await client(fake).stkPush(PUSH)).toMatchObject({ kind: "rejected", error: { errorCode: "1", errorMessage: "Rejected" } });
  });

  it("bad consumer credentials reject the push without calling it", async () => {
    const fake = fakeDaraja({ oauth: () => new Response("", { status: 400 }) });
    expect(await client(fake).stkPush(PUSH)).toMatchObject({ kind: "rejected", error: { kind: "configuration" } });
    expect(fake.counts.push).toBe(0);
  });

  it("an OAuth timeout makes the push retryable, not unknown: the push was never sent", async () => {
    const fake = fakeDaraja({ oauth: hang });
    expect(await client(fake).stkPush(PUSH)).toMatchObject({ kind: "retryable" });
    expect(fake.counts.push).toBe(0);
  });
});

describe("stkQuery", () => {
  const final = (ResultCode: string, ResultDesc: string) =>
    json({ ResponseCode: "0", ResponseDescription: "The service request has been accepted successsfully", MerchantRequestID: "22205-34066-1", CheckoutRequestID: "ws_CO_13012021093521236557", ResultCode, ResultDesc });

  it("sends the credentials and the CheckoutRequestID", async () => {
    const fake = fakeDaraja({ query: () => final("0", "The service request is processed successfully.") });
    const time = clock("2025-03-14T12:30:12Z");
    await client(fake, { now: time.now }).stkQuery("ws_CO_13012021093521236557");
    const query = fake.calls.find((c) => c.path === "/mpesa/stkpushquery/v1/query");
    expect(query?.body).toEqual({
      BusinessShortCode: "174379",
      Password: stkPassword("174379", SANDBOX_PASSKEY, "20250314153012"),
      Timestamp: "20250314153012",
      CheckoutRequestID: "ws_CO_13012021093521236557",
    });
  });

  it.each([
    ["0", "succeeded"],
    ["1032", "cancelled"],
    ["2001", "failed"],
    ["1037", "failed"],
  ])("ResultCode %s is final (%s)", async (code, outcome) => {
    const fake = fakeDaraja({ query: () => final(code, "whatever the prose says") });
    expect(await client(fake).stkQuery("ws_CO_13012021093521236557")).toMatchObject({
      kind: "final", resultCode: code, resultDesc: "whatever the prose says", classification: { outcome },
      merchantRequestId: "22205-34066-1", checkoutRequestId: "ws_CO_13012021093521236557",
    });
  });

  it.each([
    ["HTTP 200 ResultCode 4999", () => final("4999", "The transaction is still under processing")],
    ["500.001.1001 being processed", () => envelope("500.001.1001", "The transaction is being processed", 500)],
    ["500.001.1001 with an empty message", () => envelope("500.001.1001", "", 500)],
    ["500.001.1001 does not Exist", () => envelope("500.001.1001", "The transaction does not Exist", 500)],
  ])("%s is pending", async (_name, answer) => {
    const fake = fakeDaraja({ query: answer });
    expect(await client(fake).stkQuery("ws_CO_1")).toMatchObject({ kind: "pending" });
  });

  it.each([
    ["spike arrest", () => envelope("500.003.02", "Error Occurred: Spike Arrest Violation", 500), "retryable"],
    ["quota", () => envelope("500.003.03", "Quota Violation", 500), "retryable"],
    ["a 502 HTML page", () => new Response("<html>Bad gateway</html>", { status: 502 }), "retryable"],
    ["a timeout", hang, "retryable"],
    ["a reset connection", () => networkError("ECONNRESET"), "retryable"],
    ["an invalid CheckoutRequestID", () => envelope("400.002.02", "Bad Request - Invalid CheckoutRequestID", 400), "permanent"],
  ])("%s is an error that says nothing about the payment", async (_name, answer, kind) => {
    const fake = fakeDaraja({ query: answer });
    expect(await client(fake).stkQuery("ws_CO_1")).toMatchObject({ kind: "error", error: { kind } });
  });

  it.each([
    ["Wrong credentials", "Wrong credentials"],
    ["Merchant does not exist", "Merchant does not exist"],
  ])("500.001.1001 %s is a configuration error, not \"still processing\"", async (_name, message) => {
    const lines: string[] = [];
    const logger = pino({ level: "trace" }, new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done(); } }));
    const fake = fakeDaraja({ query: () => envelope("500.001.1001", message, 500) });
    expect(await client(fake, { logger }).stkQuery("ws_CO_1")).toMatchObject({ kind: "error", error: { kind: "configuration", errorCode: "500.001.1001", errorMessage: message } });
    // Said loudly: an error line, not a debug one.
    expect(lines.map((l) => JSON.parse(l) as { level: number; msg: string }).filter((l) => l.level === 50).map((l) => l.msg)).toEqual([
      "Daraja refused Malipo's configuration: status queries cannot work until it is fixed",
    ]);
  });

  it.each(["9999", "4998", "R000002"])("an unrecognised ResultCode %s means ask again later, never failed", async (code) => {
    const fake = fakeDaraja({ query: () => final(code, "Something new") });
    expect(await client(fake).stkQuery("ws_CO_1")).toEqual({ kind: "pending", resultCode: code, reason: `M-Pesa answered result code ${code}, which Malipo does not recognise; asking again later` });
  });

  it("drops a rejected token and retries once", async () => {
    const fake = fakeDaraja({ query: (_c, n) => (n === 1 ? envelope("404.001.03", "Invalid Access Token", 404) : final("1032", "Request cancelled by user")) });
    expect(await client(fake).stkQuery("ws_CO_1")).toMatchObject({ kind: "final", classification: { outcome: "cancelled" } });
    expect(fake.counts).toMatchObject({ oauth: 2, query: 2 });
  });

  it("refuses an empty CheckoutRequestID without calling Daraja", async () => {
    const fake = fakeDaraja();
    expect(await client(fake).stkQuery("  ")).toMatchObject({ kind: "error", error: { kind: "permanent" } });
    expect(fake.calls).toHaveLength(0);
  });
});

describe("logging", () => {
  it("never logs tokens, secrets, the passkey, the password or the full phone number", async () => {
    const lines: string[] = [];
    const sink = new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done(); } });
    const logger = pino({ level: "trace" }, sink);
    const fake = fakeDaraja({
      push: (_c, n) => (n === 1 ? envelope("404.001.03", "Invalid Access Token", 404) : json(ACCEPTED)),
      query: () => envelope("500.003.02", "Spike Arrest Violation", 500),
    });
    const daraja = client(fake, { logger, now: clock().now });
    await daraja.stkPush(PUSH);
    await daraja.stkPush({ ...PUSH, phone: "0812345678" });
    await daraja.stkQuery("ws_CO_1");
    const output = lines.join("");
    // (Safaricom's CheckoutRequestID itself ends with the 9-digit MSISDN; it is logged as the correlation id.)
    expect(output).toContain("STK push accepted");
    expect(output).toContain("2547****149");
    const password = stkPassword("174379", SANDBOX_PASSKEY, "20250314153012");
    for (const secret of ["token-1", "token-2", config.consumerKey, config.consumerSecret, SANDBOX_PASSKEY, password, "254708374149", "0708374149", "254812345678"]) {
      expect(output).not.toContain(secret);
    }
  });
});
