import { readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SANDBOX_SHORTCODE, SIMULATOR_CONSUMER_KEY, SIMULATOR_CONSUMER_SECRET } from "@/lib/env";
import { createId } from "@/lib/ids";
import { processCallbackJob } from "@/lib/callbacks/process-callback-job";
import { webhookDispatchJob } from "@/lib/webhooks/webhook-dispatch-job";
import { scenarioPhone } from "@/lib/rails/daraja/simulator/scenarios";
import { API_OPERATIONS, RESPONSE_SCHEMAS } from "@/lib/openapi/api-operations";
import { buildOpenApiDocument, type OpenApiDocument } from "@/lib/openapi/build-openapi-document";
import { eventually, startGateway, type Gateway, type TestStorefront } from "@/lib/testing/gateway";
import { validateJsonSchema } from "@/lib/testing/json-schema-subset";
import { checkOpenApiDocument } from "@/lib/testing/openapi-structure";
import { startWebhookReceiver, type WebhookReceiver } from "@/lib/testing/webhook-receiver";
import { encryptSecret } from "@/lib/crypto/secret-box";
import { generateEndpointSecret } from "@/lib/webhooks/endpoint-secrets";
import { verifyMalipoSignature } from "@/lib/webhooks/verify-signature";

/**
 * The document against the real route handlers: every answer the routes give here must be a status
 * the document lists for that operation, with a body that validates against the document's schema
 * (no missing, extra or mistyped fields) and an error code the document names for that status.
 * Every documented status but 500 must be seen, and every method a route exports must be documented
 * or answer 405. Webhooks a storefront receives are held to the document's `webhooks` section.
 */

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const V1_DIR = path.resolve(import.meta.dirname, "../../app/api/v1");
// The only answers no request in this test can provoke.
const UNREACHABLE = new Set(["createPayment 500", "listPayments 500", "getPayment 500", "listEvents 500", "getEvent 500", "getOpenApiDocument 500", "createCheckoutSession 500", "getCheckoutSession 500", "createRefund 500", "listRefunds 500", "getRefund 500"]);

describe("the OpenAPI document and the routes' real behaviour", () => {
  let gw: Gateway;
  let doc: OpenApiDocument;
  let shop: TestStorefront;
  let storefrontHooks: WebhookReceiver;
  let signingSecret: string;
  const seen = new Set<string>();
  let phones = 0;
  const freshPhone = () => `0712${String(500000 + ++phones).slice(-6)}`;

  beforeAll(async () => {
    storefrontHooks = await startWebhookReceiver();
    gw = await startGateway({
      // Live mode reaches the simulator with a wrong passkey: Daraja refuses the push (402).
      env: (sim) => ({
        DARAJA_LIVE_BASE_URL: sim.url, DARAJA_LIVE_CONSUMER_KEY: SIMULATOR_CONSUMER_KEY, DARAJA_LIVE_CONSUMER_SECRET: SIMULATOR_CONSUMER_SECRET,
        DARAJA_LIVE_SHORTCODE: SANDBOX_SHORTCODE, DARAJA_LIVE_PASSKEY: "not-the-passkey",
      }),
      // Callbacks come after the 2 s Daraja timeout, so a hung push is still undecided when it is answered (202).
      simulator: { callbackDelayMs: 2500 },
      jobs: [processCallbackJob, webhookDispatchJob],
    });
    doc = buildOpenApiDocument({ serverUrl: gw.env.publicUrl });
    shop = await gw.createStorefront("Contract shop");
    signingSecret = generateEndpointSecret();
    await gw.db.webhookEndpoint.create({
      data: { id: createId("we"), storefrontId: shop.id, mode: "TEST", url: storefrontHooks.url, secretEncrypted: encryptSecret(signingSecret, gw.env.secrets.data) },
    });
  });
  afterAll(async () => {
    await gw?.close();
    await storefrontHooks?.close();
  });

  /** Calls the route over HTTP and holds the answer to the document; returns the parsed body. */
  async function call(operationId: string, url: string, init: { key?: string | null; method?: string; body?: string; headers?: Record<string, string> } = {}) {
    const op = API_OPERATIONS.find((o) => o.operationId === operationId)!;
    const res = await fetch(`${gw.app.url}${url}`, {
      method: init.method ?? op.method.toUpperCase(),
      headers: { ...(init.key ? { Authorization: `Bearer ${init.key}` } : {}), ...(init.body !== undefined ? { "Content-Type": "application/json" } : {}), ...init.headers },
      body: init.body,
    });
    const body = JSON.parse(await res.text()) as Json;
    const where = `${operationId} answered ${res.status}`;
    const documented = (doc.paths[op.path]![op.method] as Json).responses[String(res.status)] as Json | undefined;
    expect(documented, `${where}, which the document does not list (${JSON.stringify(body).slice(0, 200)})`).toBeDefined();
    const schema = documented!.content["application/json"].schema as Json;
    expect(validateJsonSchema(schema, body, { root: doc, strict: true }), where).toEqual([]);
    if (documented!["x-error-codes"]) expect(documented!["x-error-codes"], where).toContain(body.error.code);
    // The zod schema the document was generated from agrees too.
    const name = typeof schema.$ref === "string" ? schema.$ref.split("/").pop()! : null;
    if (name && name in RESPONSE_SCHEMAS) expect(RESPONSE_SCHEMAS[name as keyof typeof RESPONSE_SCHEMAS].safeParse(body).success, where).toBe(true);
    for (const header of Object.keys(documented!.headers ?? {})) {
      if (header !== "Idempotent-Replayed") expect(res.headers.get(header), `${where} without ${header}`).not.toBeNull();
    }
    seen.add(`${operationId} ${res.status}`);
    return { status: res.status, body, headers: res.headers };
  }

  const exhaustRateLimit = async (storefront: TestStorefront) => {
    const key = await gw.db.apiKey.findFirstOrThrow({ where: { storefrontId: storefront.id, mode: "TEST" } });
    const windowStart = new Date(Math.floor(Date.now() / 60_000) * 60_000);
    await gw.db.rateLimitWindow.create({ data: { key: `api:${key.id}`, windowStart, count: gw.env.api.rateLimitPerMinute } });
  };

  it("serves itself publicly, as a well-formed OpenAPI 3.1 document", async () => {
    const { body, headers } = await call("getOpenApiDocument", "/api/v1/openapi.json");
    expect(body).toEqual(doc);
    expect(checkOpenApiDocument(body)).toEqual([]);
    expect(headers.get("content-type")).toContain("application/json");
  });

  it("matches POST /api/v1/payments in every outcome", async () => {
    const pay = (body: unknown, key: string | null = shop.keys.TEST, headers: Record<string, string> = {}) =>
      call("createPayment", "/api/v1/payments", { key, body: typeof body === "string" ? body : JSON.stringify(body), headers });
    expect((await pay({ amount: 100, phone: freshPhone(), reference: "CT-1", metadata: { order: 1 } }, shop.keys.TEST, { "Idempotency-Key": "ct-1" })).status).toBe(201);
    expect((await pay({ amount: 100, phone: freshPhone(), reference: "CT-1" }, shop.keys.TEST, { "Idempotency-Key": "ct-1" })).status).toBe(409);
    expect((await pay({ amount: 100, phone: scenarioPhone("push-hangs"), reference: "CT-2" })).status).toBe(202);
    expect((await pay({ amount: 100, phone: freshPhone(), reference: "CT-3" }, shop.keys.LIVE)).status).toBe(402);
    expect((await pay({ amount: 100, phone: scenarioPhone("system-busy"), reference: "CT-4" })).status).toBe(503);
    expect((await pay("{not json")).status).toBe(400);
    expect((await pay({ amount: 1, phone: freshPhone(), reference: "CT-5" }, shop.keys.TEST, { "Idempotency-Key": "has spaces" })).body.error.param).toBe("Idempotency-Key");
    expect((await pay({ amount: 0, phone: freshPhone(), reference: "CT-6" })).status).toBe(422);
    expect((await pay({ amount: 1, phone: freshPhone(), reference: "CT-7", extra: 1 })).status).toBe(422);
    expect((await pay({ reference: "x".repeat(40_000) })).status).toBe(413);
    expect((await pay({ amount: 1, phone: freshPhone(), reference: "CT-8" }, null)).status).toBe(401);
    const limited = await gw.createStorefront("Limited POST");
    await exhaustRateLimit(limited);
    expect((await pay({ amount: 1, phone: freshPhone(), reference: "CT-9" }, limited.keys.TEST)).status).toBe(429);
  });

  it("matches GET /api/v1/payments", async () => {
    const list = await call("listPayments", "/api/v1/payments?limit=2", { key: shop.keys.TEST });
    expect(list.status).toBe(200);
    expect(list.body.data.length).toBeGreaterThan(0);
    expect((await call("listPayments", `/api/v1/payments?status=pending&created[gte]=${Math.floor(Date.now() / 1000) - 600}`, { key: shop.keys.TEST })).status).toBe(200);
    expect((await call("listPayments", "/api/v1/payments?limit=500", { key: shop.keys.TEST })).status).toBe(422);
    expect((await call("listPayments", "/api/v1/payments?starting_after=pay_doesnotexist", { key: shop.keys.TEST })).status).toBe(400);
    expect((await call("listPayments", "/api/v1/payments", { key: "sk_test_short" })).status).toBe(401);
    const limited = await gw.createStorefront("Limited list");
    await exhaustRateLimit(limited);
    expect((await call("listPayments", "/api/v1/payments", { key: limited.keys.TEST })).status).toBe(429);
  });

  it("matches GET /api/v1/payments/{id}, and keeps test and live payments apart", async () => {
    const created = await call("createPayment", "/api/v1/payments", { key: shop.keys.TEST, body: JSON.stringify({ amount: 5, phone: freshPhone(), reference: "CT-10" }) });
    const live = await call("createPayment", "/api/v1/payments", { key: shop.keys.LIVE, body: JSON.stringify({ amount: 5, phone: freshPhone(), reference: "CT-11" }) });
    const testId = created.body.id as string;
    const liveId = live.body.error.payment_id as string;
    expect((await call("getPayment", `/api/v1/payments/${testId}`, { key: shop.keys.TEST })).body.id).toBe(testId);
    expect((await call("getPayment", `/api/v1/payments/${liveId}`, { key: shop.keys.LIVE })).body.livemode).toBe(true);
    expect((await call("getPayment", `/api/v1/payments/${liveId}`, { key: shop.keys.TEST })).status).toBe(404);
    expect((await call("getPayment", `/api/v1/payments/${testId}`, { key: shop.keys.LIVE })).status).toBe(404);
    expect((await call("getPayment", "/api/v1/payments/pay_nope", { key: shop.keys.TEST })).status).toBe(404);
    expect((await call("getPayment", `/api/v1/payments/${testId}`, { key: null })).status).toBe(401);
    const limited = await gw.createStorefront("Limited get");
    await exhaustRateLimit(limited);
    expect((await call("getPayment", `/api/v1/payments/${testId}`, { key: limited.keys.TEST })).status).toBe(429);
  });

  it("matches POST /api/v1/refunds, GET /api/v1/refunds and GET /api/v1/refunds/{id}", async () => {
    const created = await call("createPayment", "/api/v1/payments", { key: shop.keys.TEST, body: JSON.stringify({ amount: 60, phone: freshPhone(), reference: "CT-RF" }) });
    const paymentId = created.body.id as string;
    await eventually(async () => (await gw.db.payment.findUniqueOrThrow({ where: { id: paymentId } })).mpesaReceipt !== null, 15_000);
    const refund = (body: unknown, key: string | null = shop.keys.TEST, headers: Record<string, string> = {}) =>
      call("createRefund", "/api/v1/refunds", { key, body: typeof body === "string" ? body : JSON.stringify(body), headers });
    // A part goes by B2C (the simulator's account has a B2C shortcode by default).
    const first = await refund({ payment: paymentId, amount: 20, reason: "returned" }, shop.keys.TEST, { "Idempotency-Key": "ct-rf-1" });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ object: "refund", status: "requested", amount: 20, method: "b2c", payment_id: paymentId, requested_via: "api" });
    const replay = await refund({ payment: paymentId, amount: 20, reason: "returned" }, shop.keys.TEST, { "Idempotency-Key": "ct-rf-1" });
    expect(replay.body).toEqual(first.body);
    expect(replay.headers.get("Idempotent-Replayed")).toBe("true");
    expect((await refund({ payment: paymentId, reason: "another body" }, shop.keys.TEST, { "Idempotency-Key": "ct-rf-1" })).body.error.code).toBe("idempotency_key_reused");
    // Below B2C's minimum a part cannot be paid.
    expect((await refund({ payment: paymentId, amount: 5, reason: "too little" })).body.error.code).toBe("validation_failed");
    const rest = await refund({ payment: paymentId, reason: "the rest" });
    expect(rest.body).toMatchObject({ status: "requested", amount: 40, method: "b2c" });
    // The payment's whole amount is already asked for: nothing is left.
    expect((await refund({ payment: paymentId, reason: "again" })).body.error.code).toBe("invalid_state");
    expect((await refund({ payment: "pay_doesnotexist000", reason: "who?" })).status).toBe(404);
    expect((await refund({ payment: paymentId, amount: 10.5, reason: "fraction" })).status).toBe(422);
    expect((await refund({ payment: paymentId, amount: -1, reason: "negative" })).status).toBe(422);
    expect((await refund("{not json")).status).toBe(400);
    expect((await refund({ payment: paymentId, reason: "key" }, shop.keys.TEST, { "Idempotency-Key": "has spaces" })).status).toBe(400);
    expect((await refund({ reason: "x".repeat(40_000) })).status).toBe(413);
    expect((await refund({ payment: paymentId, reason: "anyone" }, null)).status).toBe(401);
    // Another mode's key sees no such payment.
    expect((await refund({ payment: paymentId, reason: "live key" }, shop.keys.LIVE)).status).toBe(404);

    expect((await call("getRefund", `/api/v1/refunds/${first.body.id}`, { key: shop.keys.TEST })).body).toEqual(first.body);
    expect((await call("getRefund", `/api/v1/refunds/${first.body.id}`, { key: shop.keys.LIVE })).status).toBe(404);
    expect((await call("getRefund", `/api/v1/refunds/${first.body.id}`, { key: null })).status).toBe(401);
    const list = await call("listRefunds", `/api/v1/refunds?payment=${paymentId}`, { key: shop.keys.TEST });
    expect(list.body).toMatchObject({ object: "list", has_more: false, data: [rest.body, first.body] });
    expect((await call("listRefunds", "/api/v1/refunds?limit=0", { key: shop.keys.TEST })).status).toBe(422);
    expect((await call("listRefunds", "/api/v1/refunds?starting_after=re_doesnotexist", { key: shop.keys.TEST })).status).toBe(400);
    expect((await call("listRefunds", "/api/v1/refunds", { key: null })).status).toBe(401);
    const limited = await gw.createStorefront("Limited refunds");
    await exhaustRateLimit(limited);
    expect((await refund({ payment: paymentId, reason: "limited" }, limited.keys.TEST)).status).toBe(429);
    expect((await call("listRefunds", "/api/v1/refunds", { key: limited.keys.TEST })).status).toBe(429);
    expect((await call("getRefund", `/api/v1/refunds/${first.body.id}`, { key: limited.keys.TEST })).status).toBe(429);
  });

  it("matches GET /api/v1/events and /api/v1/events/{id}, each event as its webhook carried it", async () => {
    await eventually(async () => (await gw.db.webhookEvent.count({ where: { storefrontId: shop.id, mode: "TEST" } })) >= 2 && storefrontHooks.received.length >= 2, 20_000);
    const first = await call("listEvents", "/api/v1/events?limit=1", { key: shop.keys.TEST });
    expect([first.status, first.body.has_more]).toEqual([200, true]);
    const newest = first.body.data[0] as Json;
    const older = await call("listEvents", `/api/v1/events?limit=1&starting_after=${newest.id}`, { key: shop.keys.TEST });
    expect(older.body.data[0].id).not.toBe(newest.id);
    const back = await call("listEvents", `/api/v1/events?ending_before=${older.body.data[0].id}`, { key: shop.keys.TEST });
    expect([back.body.data.map((e: Json) => e.id), back.body.has_more]).toEqual([[newest.id], false]);
    expect((await call("listEvents", "/api/v1/events?type=payment.*&limit=100", { key: shop.keys.TEST })).body.data.length).toBeGreaterThanOrEqual(2);
    expect((await call("listEvents", "/api/v1/events?type=invoice.paid", { key: shop.keys.TEST })).status).toBe(422);
    expect((await call("listEvents", `/api/v1/events?starting_after=${newest.id}&ending_before=${newest.id}`, { key: shop.keys.TEST })).body.error.param).toBe("ending_before");
    expect((await call("listEvents", "/api/v1/events?starting_after=evt_doesnotexist", { key: shop.keys.TEST })).status).toBe(400);
    expect((await call("listEvents", "/api/v1/events", { key: null })).status).toBe(401);

    const one = await call("getEvent", `/api/v1/events/${newest.id}`, { key: shop.keys.TEST });
    expect(one.body).toEqual(newest);
    // The same envelope the storefront received, signed, by webhook.
    const hook = await eventually(() => storefrontHooks.received.find((h) => h.eventId === newest.id), 20_000);
    expect({ ...JSON.parse(hook.body), object: "event" }).toEqual(newest);
    expect((await call("getEvent", `/api/v1/events/${newest.id}`, { key: shop.keys.LIVE })).status).toBe(404);
    expect((await call("getEvent", "/api/v1/events/evt_nope", { key: shop.keys.TEST })).status).toBe(404);
    expect((await call("getEvent", `/api/v1/events/${newest.id}`, { key: null })).status).toBe(401);
    const limited = await gw.createStorefront("Limited events");
    await exhaustRateLimit(limited);
    expect((await call("listEvents", "/api/v1/events", { key: limited.keys.TEST })).status).toBe(429);
    expect((await call("getEvent", `/api/v1/events/${newest.id}`, { key: limited.keys.TEST })).status).toBe(429);
  });

  it("matches POST /api/v1/checkout/sessions and GET /api/v1/checkout/sessions/{id}", async () => {
    const body = (extra: Record<string, unknown> = {}) => JSON.stringify({ amount: 40, reference: "CT-CS", return_url: "https://shop.example/done", ...extra });
    const created = await call("createCheckoutSession", "/api/v1/checkout/sessions", { key: shop.keys.TEST, body: body(), headers: { "Idempotency-Key": "ct-cs-1" } });
    expect(created.status).toBe(201);
    expect((await call("createCheckoutSession", "/api/v1/checkout/sessions", { key: shop.keys.TEST, body: body(), headers: { "Idempotency-Key": "ct-cs-1" } })).body.id).toBe(created.body.id);
    expect((await call("createCheckoutSession", "/api/v1/checkout/sessions", { key: shop.keys.TEST, body: body({ amount: 41 }), headers: { "Idempotency-Key": "ct-cs-1" } })).status).toBe(409);
    expect((await call("createCheckoutSession", "/api/v1/checkout/sessions", { key: shop.keys.TEST, body: body(), headers: { "Idempotency-Key": "bad key" } })).status).toBe(400);
    expect((await call("createCheckoutSession", "/api/v1/checkout/sessions", { key: shop.keys.TEST, body: "{not json" })).status).toBe(400);
    expect((await call("createCheckoutSession", "/api/v1/checkout/sessions", { key: shop.keys.TEST, body: body({ return_url: "javascript:alert(1)" }) })).status).toBe(422);
    expect((await call("createCheckoutSession", "/api/v1/checkout/sessions", { key: null, body: body() })).status).toBe(401);

    expect((await call("getCheckoutSession", `/api/v1/checkout/sessions/${created.body.id}`, { key: shop.keys.TEST })).body).toEqual(created.body);
    expect((await call("getCheckoutSession", `/api/v1/checkout/sessions/${created.body.id}`, { key: shop.keys.LIVE })).status).toBe(404);
    expect((await call("getCheckoutSession", `/api/v1/checkout/sessions/${created.body.id}`, { key: null })).status).toBe(401);
    const limited = await gw.createStorefront("Limited checkout");
    await exhaustRateLimit(limited);
    expect((await call("createCheckoutSession", "/api/v1/checkout/sessions", { key: limited.keys.TEST, body: body() })).status).toBe(429);
    expect((await call("getCheckoutSession", `/api/v1/checkout/sessions/${created.body.id}`, { key: limited.keys.TEST })).status).toBe(429);
  });

  it("documents every method the v1 routes export; the rest answer 405 (or, off the map, 404)", async () => {
    const documented = new Set(API_OPERATIONS.map((o) => `${o.method.toUpperCase()} ${o.path}`));
    for (const { template, file } of routeFiles(V1_DIR, "/api/v1")) {
      const route = (await import(/* @vite-ignore */ file)) as Record<string, unknown>;
      for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"].filter((m) => typeof route[m] === "function")) {
        if (documented.has(`${method} ${template}`)) continue;
        const url = template.replace(/\{[^}]+\}/g, "pay_x").replace("{...}", "unknown");
        const res = await fetch(`${gw.app.url}${url}`, { method, headers: { Authorization: `Bearer ${shop.keys.TEST}` } });
        const body = await res.json();
        const catchAll = template.includes("{...}");
        expect(res.status, `${method} ${template} is exported but not in the document`).toBe(catchAll ? 404 : 405);
        expect(validateJsonSchema({ $ref: "#/components/schemas/Error" }, body, { root: doc, strict: true })).toEqual([]);
      }
    }
  });

  it("sends webhooks that match the document's webhooks section and verify with the documented helper", async () => {
    const hooks = await eventually(() => storefrontHooks.received.length > 0 && storefrontHooks.received, 20_000);
    for (const hook of hooks) {
      const event = JSON.parse(hook.body) as Json;
      const operation = (doc.webhooks as Json)[event.type]?.post;
      expect(operation, `event type ${event.type} is not in the document`).toBeDefined();
      expect(validateJsonSchema(operation.requestBody.content["application/json"].schema, event, { root: doc, strict: true })).toEqual([]);
      for (const p of operation.parameters as Json[]) expect(hook.headers[p.name.toLowerCase()], p.name).toBeDefined();
      expect(verifyMalipoSignature({ payload: hook.body, header: hook.signature, secret: signingSecret }).valid).toBe(true);
    }
  });

  it("has seen every documented answer but the internal error", () => {
    const documented = API_OPERATIONS.flatMap((op) => Object.keys((doc.paths[op.path]![op.method] as Json).responses).map((s) => `${op.operationId} ${s}`));
    expect(documented.filter((d) => !seen.has(d) && !UNREACHABLE.has(d))).toEqual([]);
  });
});

/** app/api/v1 route files as OpenAPI templates: [id] → {id}, a catch-all → {...}. */
function routeFiles(dir: string, prefix: string): { template: string; file: string }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isFile() && entry.name === "route.ts") return [{ template: prefix, file: path.join(dir, entry.name) }];
    if (!entry.isDirectory()) return [];
    const segment = entry.name.startsWith("[...") ? "{...}" : entry.name.replace(/^\[(\w+)\]$/, "{$1}");
    return routeFiles(path.join(dir, entry.name), `${prefix}/${segment}`);
  });
}
