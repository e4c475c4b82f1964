import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrisma } from "@/lib/db/client";
import { isPortInUse } from "@/lib/db/embedded";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { startSimulator, type RunningSimulator } from "@/lib/rails/daraja/simulator/server";
import { createApiKey } from "@/lib/storefronts/create-api-key";
import { freePort } from "@/lib/testing/free-port";
import { rawRequest } from "@/lib/testing/http-request";
import { spawnTsx, waitUntil, type NodeProcess } from "@/lib/testing/node-process";
import { insertPendingPayments } from "@/lib/testing/pending-payments";
import { sendRawRequest } from "@/lib/testing/raw-socket-request";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";

/**
 * 200 requests with random methods, paths, headers and bodies (invalid UTF-8, NUL, bad percent
 * escapes, oversized heads and bodies) against a real web process (lib/main/web.ts's wiring:
 * request guard, callback fast path, routes), sent as raw bytes so nothing is cleaned up on the way.
 * None may be answered 5xx or go unanswered, nothing may reach the log as an error, and the process
 * must still be healthy afterwards.
 */

const REQUESTS = 200;
const SEED = 20261205;
const SECRET = "fuzz-test-callback-secret-fuzz-test-callback-secret";

describe("the web process under 200 hostile requests", () => {
  let database: TestDatabase;
  let db: PrismaClient;
  let sim: RunningSimulator;
  let dir: string;
  let web: NodeProcess;
  let worker: NodeProcess;
  let port: number;
  let apiKey: string;
  let tokens: string[];

  beforeAll(async () => {
    database = await createTestDatabase();
    db = createPrisma(database.url, 2);
    sim = await startSimulator({ port: 0, callbackDelayMs: 50 });
    dir = await mkdtemp(path.join(tmpdir(), "malipo-fuzz-"));
    port = await freePort();
    const env = {
      NODE_ENV: "test", MALIPO_MODE: "demo", LOG_LEVEL: "info", DATABASE_URL: database.url, DATABASE_POOL_SIZE: "4",
      PORT: String(port), HOST: "127.0.0.1", PUBLIC_URL: `http://127.0.0.1:${port}`, CALLBACK_SECRET: SECRET,
      CALLBACK_SPOOL_DIR: path.join(dir, "spool"), DARAJA_TEST_BASE_URL: sim.url, SIMULATOR_PORT: String(sim.port),
      API_RATE_LIMIT_PER_MINUTE: "100000", RECONCILE_AFTER_SECONDS: "3600", PAYMENT_EXPIRY_SECONDS: "86400",
      // A busy test machine must not pass for a database outage (which would divert callbacks to the spool).
      CALLBACK_DB_TIMEOUT_MS: "15000",
    };
    const shop = await db.storefront.create({ data: { id: "sf_fuzz", name: "Fuzz" } });
    apiKey = (await createApiKey(db, { storefrontId: shop.id, mode: "TEST", name: "fuzz" })).secret;
    tokens = (await insertPendingPayments(db, { count: 5, tag: "fuzz", callbackSecret: SECRET })).map((p) => p.callbackPath.split("/").pop()!);
    worker = spawnTsx("worker/index.ts", { ...env, MALIPO_SERVICE: "worker" });
    web = spawnTsx("lib/testing/route-web-process.ts", env);
    await waitUntil(() => isPortInUse(port), 30_000, "the web process to listen", web);
    await waitUntil(async () => (await db.workerHeartbeat.count()) > 0, 30_000, "the worker to start", worker);
  }, 120_000);

  afterAll(async () => {
    await web?.stop();
    await worker?.stop();
    await sim?.close();
    await db?.$disconnect();
    await database?.drop();
    if (dir) await rm(dir, { recursive: true, force: true });
  }, 60_000);

  it("answers every one below 500, logs no error, and stays healthy", { timeout: 180_000 }, async () => {
    const reproductions = knownBreakers({ apiKey, tokens, port });
    const requests = [...reproductions, ...fc.sample(requestArb({ apiKey, tokens, port }), { numRuns: REQUESTS - reproductions.length, seed: SEED })];
    const answers: { status: number | null; what: string; head: string }[] = [];
    for (let i = 0; i < requests.length; i += 4) {
      const batch = requests.slice(i, i + 4);
      answers.push(...(await Promise.all(batch.map(async (r) => ({ ...(await sendRawRequest(port, r.bytes)), what: r.what })))));
    }
    expect(answers).toHaveLength(REQUESTS);
    // The reproductions first: a bad escape on the callback path and a NUL in an API path or query are 400s.
    expect(answers.slice(0, 4).map((a) => [a.what, a.status])).toEqual(reproductions.slice(0, 4).map((r) => [r.what, 400]));
    expect(answers.filter((a) => a.status === null || a.status >= 500).map((a) => `${a.what} → ${a.head.split("\r\n")[0] || "no answer"}`)).toEqual([]);
    // The requests reached every layer: the server's guard, the routes' checks, and real work.
    const classes = new Set(answers.map((a) => a.status));
    for (const status of [200, 400, 401, 404, 405, 413, 422, 431]) expect([status, classes.has(status)]).toEqual([status, true]);

    expect(web.child.exitCode).toBeNull();
    const log = web.output();
    expect(log).not.toMatch(/uncaught|unhandled|URIError|TypeError|RangeError|^\s+at /im);
    const loud = log.split("\n").filter((line) => /"level":"(error|fatal)"/.test(line));
    expect(loud).toEqual([]);
    const health = await rawRequest(`http://127.0.0.1:${port}/api/health`);
    expect(health.status).toBe(200);
    expect(health.json).toMatchObject({ status: "ok", database: { status: "up" } });
  });
});

/** What broke the gateway before: a bad escape on the callback fast path, a NUL on its way to PostgreSQL. */
function knownBreakers({ apiKey, tokens, port }: { apiKey: string; tokens: string[]; port: number }): FuzzRequest[] {
  const request = (method: string, target: string, headers: string[] = [], body = "") => ({
    what: `${method} ${target}`,
    bytes: Buffer.from(`${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n${headers.map((h) => `${h}\r\n`).join("")}Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`),
  });
  const auth = `Authorization: Bearer ${apiKey}`;
  return [
    request("POST", "/api/callbacks/stk/%E0%A4%A", ["Content-Type: application/json"], "{}"),
    request("POST", `/api/callbacks/stk/${tokens[0]}%E0%A4%A`, [], "{}"),
    request("GET", "/api/v1/payments/%00%27", [auth]),
    request("GET", "/api/v1/payments?reference=%00", [auth]),
    request("GET", "/api/v1/payments/pay_%27%22", [auth]),
    request("POST", "/api/v1/payments", [auth, "Content-Type: application/json"], '{"amount":10,"phone":"0708374149","reference":"OK1"}'),
    request("POST", "/api/v1/payments", [auth], '{"amount":10,"phone":"0708374149","reference":"OK2","metadata":{"note":"a\\u0000b"}}'),
    request("POST", `/api/callbacks/stk/${tokens[1]}`, [], '{"Body":{"stkCallback":{"MerchantRequestID":"m\\u0000","CheckoutRequestID":"c","ResultCode":0}}}'),
  ];
}

interface FuzzRequest {
  bytes: Buffer;
  /** A readable summary for failure messages. */
  what: string;
}

function requestArb({ apiKey, tokens, port }: { apiKey: string; tokens: string[]; port: number }): fc.Arbitrary<FuzzRequest> {
  const base62 = fc.string({ unit: fc.constantFrom(..."0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"), minLength: 8, maxLength: 30 });
  const segment = fc.oneof(
    { weight: 3, arbitrary: base62.map((s) => `pay_${s}`) },
    fc.constantFrom("%E0%A4%A", "%00%27", "%00", "%ZZ", "%", "%FF%FE", "%C0%AF", "..%2F..%2Fetc%2Fpasswd", "%27%3B%20DROP%20TABLE%20payments%3B--", "%0A%0D", "%7F", "x".repeat(3000)),
    fc.string({ unit: "grapheme", maxLength: 12 }).map(encodeURIComponent),
    { weight: 3, arbitrary: fc.constantFrom(...tokens, ...tokens.map((t) => `${t}%00`), ...tokens.map((t) => `${t.slice(0, -2)}%E0`)) },
  );
  const rawBytes = fc.uint8Array({ minLength: 1, maxLength: 12 }).map((b) => Buffer.from(b).toString("latin1"));
  const target = fc.tuple(
    fc.constantFrom("/api/v1/payments", "/api/v1/payments/", "/api/callbacks/stk/", "/api/health", "/api/v1/openapi.json", "/api/v1/", "/", "/payments/", "/callbacks/"),
    fc.oneof({ weight: 8, arbitrary: segment }, { weight: 3, arbitrary: fc.constant("") }, { weight: 1, arbitrary: rawBytes }),
    fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom("", "", "?status=pending", "?starting_after=%27", "?created%5Bgte%5D=zzz", "?limit=-1&limit=2", "?status=%C3%A9") },
      { weight: 1, arbitrary: fc.constantFrom("?limit=%00", "?reference=%E0%A4", "?a=%", "?x=%0A") },
    ),
  ).map(([prefix, seg, query]) => `${prefix}${seg}${query}`);
  const header = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(`Authorization: Bearer ${apiKey}`, "Content-Type: application/json") },
    { weight: 3, arbitrary: fc.constantFrom("Authorization: Bearer sk_test_nope", "Authorization: Basic Zm9vOmJhcg==", "Authorization: Bearer", "Content-Type: text/plain", "Content-Type: application/json; charset=latin1",
      "Idempotency-Key: \u00ff\u00fe", "Idempotency-Key: key with spaces", "X-Forwarded-For: 196.201.214.200", "BusinessShortCode: 174379", `X-Huge: ${"h".repeat(20_000)}`) },
    { weight: 1, arbitrary: rawBytes.map((v) => `X-Fuzz: ${v}`) },
    { weight: 1, arbitrary: fc.constantFrom("Host: a b", "Host: %00", "Host: [::1", "Transfer-Encoding: chunked, chunked") },
  );
  const hostile = (n: number) => fc.integer({ min: 0, max: 9 }).map((d) => d < n);
  const body = fc.oneof(
    fc.constant(Buffer.alloc(0)),
    fc.json().map((j) => Buffer.from(j)),
    fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
    fc.record({ amount: fc.oneof(fc.integer(), fc.double(), fc.string()), phone: fc.oneof(fc.constant("0708374149"), fc.string()), reference: fc.oneof(fc.constant("FUZZ1"), fc.string()), metadata: fc.option(fc.dictionary(fc.string(), fc.string())) })
      .map((r) => Buffer.from(JSON.stringify(r))),
    fc.record({ ResultCode: fc.oneof(fc.integer(), fc.string()), CheckoutRequestID: fc.string(), Item: fc.anything() })
      .map((cb) => Buffer.from(JSON.stringify({ Body: { stkCallback: { MerchantRequestID: "m", ...cb, CallbackMetadata: { Item: cb.Item } } } }))),
    fc.constant(Buffer.from('{"amount":10,"phone":"0708374149","reference":"A\\u0000B"}')),
    fc.constant(Buffer.alloc(100_000, 0x7b)),
  );
  return fc.record({
    method: fc.constantFrom("GET", "POST", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"),
    target,
    headers: fc.array(header, { maxLength: 3 }),
    // Most requests are well-formed HTTP, so the random parts reach the routes.
    host: hostile(9),
    body,
  }).map(({ method, target, headers, host, body }) => {
    const lines = [`${method} ${target} HTTP/1.1`, ...(host ? [`Host: 127.0.0.1:${port}`] : []), ...headers, `Content-Length: ${body.length}`, "Connection: close"];
    const head = Buffer.from(`${lines.join("\r\n")}\r\n\r\n`, "latin1");
    return { bytes: Buffer.concat([head, body]), what: `${method} ${JSON.stringify(target.slice(0, 80))} [${headers.map((h) => h.slice(0, 40)).join(" | ")}] body ${body.length} B` };
  });
}
