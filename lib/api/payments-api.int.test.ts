import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDarajaConfigurationAlert, raiseDarajaConfigurationAlert } from "@/lib/alerts/daraja-configuration-alert";
import { SANDBOX_SHORTCODE, SIMULATOR_CONSUMER_KEY, SIMULATOR_CONSUMER_SECRET } from "@/lib/env";
import { verifyCallbackToken } from "@/lib/rails/callback-token";
import { scenarioPhone } from "@/lib/rails/daraja/simulator/scenarios";
import { paymentListSchema } from "@/lib/api/payment-schemas";
import { publicPaymentSchema } from "@/lib/payments/public-payment";
import { eventually, startGateway, type Gateway, type TestStorefront } from "@/lib/testing/gateway";

/**
 * The storefront API over HTTP against the simulator: keys, rate limit, validation, the error
 * contract, creation outcomes, Idempotency-Key semantics under concurrency, reads and isolation.
 */

const errorShape = (code: string, extra: Record<string, unknown> = {}) => ({
  error: expect.objectContaining({ type: expect.any(String), code, message: expect.any(String), ...extra }),
});
let phoneCounter = 0;
// Numbers outside the scenario table behave as "the customer pays"; each test gets its own.
const freshPhone = () => `0712${String(100000 + ++phoneCounter).slice(-6)}`;
const normalised = (phone: string) => `254${phone.slice(1)}`;

describe("the storefront API", () => {
  let gw: Gateway;
  let shop: TestStorefront;
  let other: TestStorefront;
  const pay = (body: Record<string, unknown>, key = shop.keys.TEST, headers: Record<string, string> = {}) =>
    gw.api(key, "POST", "/api/v1/payments", { body, headers });
  const pushesTo = (phone: string) => gw.sim.pushes().filter((p) => p.request.phoneNumber === normalised(phone));

  beforeAll(async () => {
    gw = await startGateway({
      // Live mode reaches the simulator with a wrong passkey: Daraja answers "Wrong credentials".
      env: (sim) => ({
        DARAJA_LIVE_BASE_URL: sim.url, DARAJA_LIVE_CONSUMER_KEY: SIMULATOR_CONSUMER_KEY, DARAJA_LIVE_CONSUMER_SECRET: SIMULATOR_CONSUMER_SECRET,
        DARAJA_LIVE_SHORTCODE: SANDBOX_SHORTCODE, DARAJA_LIVE_PASSKEY: "not-the-passkey",
      }),
    });
    shop = await gw.createStorefront("Shop A");
    other = await gw.createStorefront("Shop B");
  });
  afterAll(async () => {
    await gw?.close();
  });

  describe("authentication and limits", () => {
    it("answers a missing, malformed, unknown or revoked key with 401 in the error contract", async () => {
      const call = async (authorization?: string) => {
        const res = await fetch(`${gw.app.url}/api/v1/payments`, { headers: authorization ? { Authorization: authorization } : {} });
        return { status: res.status, body: await res.json(), challenge: res.headers.get("www-authenticate"), requestId: res.headers.get("request-id") };
      };
      const missing = await call();
      expect(missing).toMatchObject({ status: 401, body: errorShape("unauthenticated", { type: "authentication_error" }), challenge: expect.stringContaining("Bearer") });
      expect(missing.body.error.message).toMatch(/No API key provided/);
      expect(missing.requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect((await call(`Basic ${shop.keys.TEST}`)).body.error.message).toMatch(/Malformed Authorization header/);
      expect((await call("Bearer sk_test_short")).body.error.message).toMatch(/Malformed API key/);
      expect((await call(`Bearer sk_test_${"x".repeat(32)}`)).body.error.message).toMatch(/Invalid API key/);

      const revoked = await gw.createStorefront("Revoked");
      await gw.db.apiKey.updateMany({ where: { storefrontId: revoked.id, mode: "TEST" }, data: { revokedAt: new Date(Date.now() - 1000) } });
      expect(await call(`Bearer ${revoked.keys.TEST}`)).toMatchObject({ status: 401, body: { error: { message: "This API key has been revoked" } } });
      await gw.db.storefront.update({ where: { id: revoked.id }, data: { disabled: true } });
      expect(await call(`Bearer ${revoked.keys.LIVE}`)).toMatchObject({ status: 401, body: { error: { message: expect.stringMatching(/disabled/) } } });
    });

    it("records when a key was last used", async () => {
      const shopC = await gw.createStorefront("Shop C");
      expect((await gw.api(shopC.keys.TEST, "GET", "/api/v1/payments")).status).toBe(200);
      const key = await gw.db.apiKey.findFirstOrThrow({ where: { storefrontId: shopC.id, mode: "TEST" } });
      expect(key.lastUsedAt!.getTime()).toBeGreaterThan(Date.now() - 10_000);
    });

    it("limits each key per minute with 429 and Retry-After, shared through the database", async () => {
      const limited = await gw.createStorefront("Limited");
      const key = await gw.db.apiKey.findFirstOrThrow({ where: { storefrontId: limited.id, mode: "TEST" } });
      const windowStart = new Date(Math.floor(Date.now() / 60_000) * 60_000);
      // As if other web processes had used up this minute's allowance already.
      await gw.db.rateLimitWindow.create({ data: { key: `api:${key.id}`, windowStart, count: gw.env.api.rateLimitPerMinute } });
      const res = await gw.api(limited.keys.TEST, "GET", "/api/v1/payments");
      expect(res.status).toBe(429);
      expect(res.body).toEqual(errorShape("rate_limited", { type: "rate_limit_error" }));
      expect(Number(res.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      expect(Number(res.headers.get("retry-after"))).toBeLessThanOrEqual(60);
      // Another key of the same storefront has its own allowance.
      expect((await gw.api(limited.keys.LIVE, "GET", "/api/v1/payments")).status).toBe(200);
    });
  });

  describe("request errors", () => {
    it("names the invalid field, and refuses bad JSON, oversized bodies and unknown parameters", async () => {
      expect(await pay({ amount: 10.5, phone: freshPhone(), reference: "A1" })).toMatchObject({ status: 422, body: errorShape("validation_failed", { param: "amount" }) });
      expect(await pay({ amount: 10, phone: "12345", reference: "A1" })).toMatchObject({ status: 422, body: errorShape("validation_failed", { param: "phone" }) });
      expect(await pay({ amount: 10, phone: freshPhone(), reference: "A".repeat(13) })).toMatchObject({ status: 422, body: { error: { param: "reference" } } });
      expect(await pay({ amount: 10, phone: freshPhone(), reference: "A1", metadata: { a: { b: 1 } } })).toMatchObject({ status: 422, body: { error: { param: "metadata.a" } } });
      expect(await pay({ amount: 10, phone: freshPhone(), reference: "A1", tip: 5 })).toMatchObject({ status: 422, body: { error: { param: "tip", message: "Unknown parameter: tip" } } });
      expect(await gw.api(shop.keys.TEST, "POST", "/api/v1/payments", { body: "{amount: 10" })).toMatchObject({ status: 400, body: errorShape("invalid_json") });
      expect(await gw.api(shop.keys.TEST, "POST", "/api/v1/payments", { body: "" })).toMatchObject({ status: 400, body: errorShape("invalid_json") });
      expect(await gw.api(shop.keys.TEST, "POST", "/api/v1/payments", { body: JSON.stringify({ reference: "x".repeat(40_000) }) })).toMatchObject({
        status: 413, body: errorShape("payload_too_large"),
      });
      expect(await gw.api(shop.keys.TEST, "GET", "/api/v1/payments?limit=0")).toMatchObject({ status: 422, body: { error: { param: "limit" } } });
      expect(await gw.db.payment.count({ where: { storefrontId: shop.id, reference: "A1" } })).toBe(0);
    });

    it("answers unsupported methods with 405 and Allow, and unknown paths with a JSON 404", async () => {
      const del = await gw.api(shop.keys.TEST, "DELETE", "/api/v1/payments");
      expect(del).toMatchObject({ status: 405, body: errorShape("method_not_allowed") });
      expect(del.headers.get("allow")).toBe("GET, POST");
      expect((await gw.api(shop.keys.TEST, "PATCH", "/api/v1/payments/pay_x")).headers.get("allow")).toBe("GET");
      expect(await gw.api(shop.keys.TEST, "GET", "/api/v1/transfers")).toMatchObject({ status: 404, body: errorShape("not_found") });
    });
  });

  describe("creating a payment", () => {
    it("writes it, pushes with a signed callback URL and answers 201 with the payment", async () => {
      const phone = freshPhone();
      const res = await pay({ amount: 250, phone, reference: "ORDER-1", description: "Shoes", metadata: { order_id: 1, gift: false } });
      expect(res.status).toBe(201);
      const payment = publicPaymentSchema.strict().parse(res.body);
      expect(payment).toMatchObject({
        status: "pending", amount: 250, currency: "KES", phone: normalised(phone), reference: "ORDER-1", description: "Shoes",
        metadata: { order_id: 1, gift: false }, mode: "test", livemode: false, failure_code: null, accepted_at: expect.any(String),
      });
      const [push] = pushesTo(phone);
      expect(push?.checkoutRequestId).toBe(payment.checkout_request_id);
      const callbackUrl = new URL(push!.request.callBackUrl);
      expect(callbackUrl.origin).toBe(gw.app.url);
      const token = decodeURIComponent(callbackUrl.pathname.replace("/api/callbacks/stk/", ""));
      expect(verifyCallbackToken(token, gw.env.secrets.callback)).toEqual({ valid: true, paymentId: payment.id, mode: "TEST" });
      expect(push!.request).toMatchObject({ amount: 250, accountReference: "ORDER-1", transactionDesc: "Shoes" });
      const events = await gw.db.paymentEvent.findMany({ where: { paymentId: payment.id }, orderBy: { id: "asc" } });
      expect(events.slice(0, 2).map((e) => [e.type, e.source, e.fromStatus, e.toStatus])).toEqual([
        ["initiate", "api", null, "INITIATING"], ["accept", "api", "INITIATING", "PENDING"],
      ]);
    });

    it("keeps a refused push as FAILED and answers 402 mpesa_rejected with the payment", async () => {
      const res = await pay({ amount: 10, phone: freshPhone(), reference: "LIVE-1" }, shop.keys.LIVE);
      expect(res).toMatchObject({ status: 402, body: errorShape("mpesa_rejected", { type: "mpesa_error", payment_id: expect.stringMatching(/^pay_/) }) });
      const body = res.body as { error: { payment_id: string; payment: unknown; message: string } };
      expect(body.error.message).toMatch(/refused/);
      expect(publicPaymentSchema.parse(body.error.payment)).toMatchObject({ status: "failed", failure_code: "mpesa_rejected", livemode: true });
      const row = await gw.db.payment.findUniqueOrThrow({ where: { id: body.error.payment_id } });
      expect(row.status).toBe("FAILED");
    });

    it("raises the account's configuration alert on a push refused for it, and an accepted push of the account resolves it", async () => {
      const refused = await pay({ amount: 10, phone: freshPhone(), reference: "LIVE-CFG" }, shop.keys.LIVE);
      const live = await gw.db.payment.findUniqueOrThrow({ where: { id: (refused.body as { error: { payment_id: string } }).error.payment_id } });
      expect(await openDarajaConfigurationAlert(gw.db, live)).toMatch(/Wrong credentials/);

      const first = await pay({ amount: 10, phone: freshPhone(), reference: "CFG-1" });
      const test = await gw.db.payment.findUniqueOrThrow({ where: { id: (first.body as { id: string }).id } });
      // As if a status query of this account had been refused meanwhile.
      await raiseDarajaConfigurationAlert(gw.db, { subject: test, error: { message: "Wrong credentials" }, during: "status query", now: new Date() });
      expect(await openDarajaConfigurationAlert(gw.db, test)).not.toBeNull();
      expect((await pay({ amount: 10, phone: freshPhone(), reference: "CFG-2" })).status).toBe(201);
      expect(await openDarajaConfigurationAlert(gw.db, test)).toBeNull();
      // Another mode's account is not vouched for by it.
      expect(await openDarajaConfigurationAlert(gw.db, live)).not.toBeNull();
    });

    it("answers 503 mpesa_unavailable when Daraja refuses to take the push, failing the payment", async () => {
      const res = await pay({ amount: 10, phone: scenarioPhone("system-busy"), reference: "BUSY-1" }, shop.keys.TEST, { "Idempotency-Key": "busy-1" });
      expect(res).toMatchObject({ status: 503, body: errorShape("mpesa_unavailable") });
      const id = (res.body as { error: { payment_id: string } }).error.payment_id;
      expect(await gw.db.payment.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "FAILED", failureCode: "mpesa_unavailable" });
      // The answer is stored like any other: a retry must come with a new key.
      const again = await pay({ amount: 10, phone: scenarioPhone("system-busy"), reference: "BUSY-1" }, shop.keys.TEST, { "Idempotency-Key": "busy-1" });
      expect(again.status).toBe(503);
      expect(again.headers.get("idempotent-replayed")).toBe("true");
      expect(again.body).toEqual(res.body);
    });
  });

  describe("Idempotency-Key", () => {
    it("replays the stored answer for the same body and refuses another body with 409", async () => {
      const phone = freshPhone();
      const body = { amount: 75, phone, reference: "IDEM-1", metadata: { a: 1, b: "two" } };
      const first = await pay(body, shop.keys.TEST, { "Idempotency-Key": "order-77" });
      expect(first.status).toBe(201);
      expect(first.headers.get("idempotent-replayed")).toBeNull();
      // Same content, other key order: the same request.
      const replay = await pay({ metadata: { b: "two", a: 1 }, reference: "IDEM-1", phone, amount: 75 }, shop.keys.TEST, { "Idempotency-Key": "order-77" });
      expect(replay.status).toBe(201);
      expect(replay.headers.get("idempotent-replayed")).toBe("true");
      expect(replay.body).toEqual(first.body);
      const changed = await pay({ ...body, amount: 76 }, shop.keys.TEST, { "Idempotency-Key": "order-77" });
      expect(changed).toMatchObject({ status: 409, body: errorShape("idempotency_key_reused", { type: "idempotency_error", param: "Idempotency-Key" }) });
      expect(pushesTo(phone)).toHaveLength(1);
      expect(await gw.api(shop.keys.TEST, "POST", "/api/v1/payments", { body, headers: { "Idempotency-Key": "bad key with spaces" } })).toMatchObject({
        status: 400, body: errorShape("invalid_request", { param: "Idempotency-Key" }),
      });
    });

    it("gives 50 concurrent requests with one key one payment, one STK push and identical answers", async () => {
      const phone = freshPhone();
      const body = { amount: 500, phone, reference: "CONC-1" };
      const answers = await Promise.all(Array.from({ length: 50 }, () => pay(body, shop.keys.TEST, { "Idempotency-Key": "concurrent-key" })));
      expect(answers.map((a) => a.status)).toEqual(Array(50).fill(201));
      expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
      expect(answers.filter((a) => a.headers.get("idempotent-replayed") === "true")).toHaveLength(49);
      expect(await gw.db.payment.count({ where: { storefrontId: shop.id, reference: "CONC-1" } })).toBe(1);
      expect(pushesTo(phone)).toHaveLength(1);
    });

    it("is scoped to the storefront and the mode", async () => {
      const phone = freshPhone();
      const body = { amount: 20, phone, reference: "SCOPE-1" };
      const a = await pay(body, shop.keys.TEST, { "Idempotency-Key": "shared-key" });
      const b = await pay(body, other.keys.TEST, { "Idempotency-Key": "shared-key" });
      expect([a.status, b.status]).toEqual([201, 201]);
      expect(b.headers.get("idempotent-replayed")).toBeNull();
      expect(b.body.id).not.toBe(a.body.id);
      // The live key's push is refused here (see beforeAll), but it is its own request, not a replay.
      const live = await pay(body, shop.keys.LIVE, { "Idempotency-Key": "shared-key" });
      expect(live.status).toBe(402);
      expect(live.headers.get("idempotent-replayed")).toBeNull();
      expect(pushesTo(phone)).toHaveLength(2);
    });
  });

  describe("reading payments", () => {
    it("returns a payment to its own storefront and mode only (404 otherwise)", async () => {
      const created = await pay({ amount: 30, phone: freshPhone(), reference: "READ-1" });
      const id = String(created.body.id);
      const own = await gw.api(shop.keys.TEST, "GET", `/api/v1/payments/${id}`);
      expect(own.status).toBe(200);
      expect(publicPaymentSchema.strict().parse(own.body).id).toBe(id);
      for (const key of [other.keys.TEST, other.keys.LIVE, shop.keys.LIVE]) {
        expect(await gw.api(key, "GET", `/api/v1/payments/${id}`)).toMatchObject({ status: 404, body: errorShape("not_found", { param: "id" }) });
      }
      expect((await gw.api(shop.keys.TEST, "GET", "/api/v1/payments/pay_doesnotexist")).status).toBe(404);
    });

    it("lists with filters and cursor pagination, never across storefronts or modes", async () => {
      const lister = await gw.createStorefront("Lister");
      const ids: string[] = [];
      for (let i = 0; i < 7; i++) {
        const res = await pay({ amount: 10 + i, phone: freshPhone(), reference: i % 2 ? "ODD" : "EVEN" }, lister.keys.TEST);
        ids.push(String(res.body.id));
      }
      await pay({ amount: 10, phone: freshPhone(), reference: "ODD" }, other.keys.TEST);
      // One failed payment to filter on.
      await gw.db.payment.update({ where: { id: ids[0] }, data: { status: "FAILED" } });

      const seen: string[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < 10; page++) {
        const res = await gw.api(lister.keys.TEST, "GET", `/api/v1/payments?limit=3${cursor ? `&starting_after=${cursor}` : ""}`);
        const list = paymentListSchema.parse(res.body);
        seen.push(...list.data.map((p) => p.id));
        if (!list.has_more) break;
        cursor = list.data.at(-1)!.id;
      }
      expect(seen).toEqual([...ids].reverse());

      const odd = paymentListSchema.parse((await gw.api(lister.keys.TEST, "GET", "/api/v1/payments?reference=ODD")).body);
      expect(odd.data.map((p) => p.id).sort()).toEqual([ids[1], ids[3], ids[5]].sort());
      const failed = paymentListSchema.parse((await gw.api(lister.keys.TEST, "GET", "/api/v1/payments?status=failed")).body);
      expect(failed.data.map((p) => p.id)).toEqual([ids[0]]);
      const third = await gw.db.payment.findUniqueOrThrow({ where: { id: ids[2] } });
      const since = paymentListSchema.parse((await gw.api(lister.keys.TEST, "GET", `/api/v1/payments?created[gte]=${third.createdAt.toISOString()}`)).body);
      expect(since.data.map((p) => p.id)).toEqual(ids.slice(2).reverse());
      const until = paymentListSchema.parse((await gw.api(lister.keys.TEST, "GET", `/api/v1/payments?created_to=${encodeURIComponent(third.createdAt.toISOString())}`)).body);
      expect(until.data.map((p) => p.id)).toEqual(ids.slice(0, 3).reverse());
      expect(paymentListSchema.parse((await gw.api(lister.keys.LIVE, "GET", "/api/v1/payments")).body).data).toEqual([]);
      expect(await gw.api(other.keys.TEST, "GET", `/api/v1/payments?starting_after=${ids[3]}`)).toMatchObject({
        status: 400, body: errorShape("invalid_request", { param: "starting_after" }),
      });
    });
  });

  it("eventually settles created payments through callbacks (the simulator's default customer pays)", async () => {
    const created = await pay({ amount: 40, phone: freshPhone(), reference: "SETTLE-1" });
    const settled = await eventually(async () => {
      const res = await gw.api(shop.keys.TEST, "GET", `/api/v1/payments/${String(created.body.id)}`);
      return res.body.status === "succeeded" && res.body;
    });
    expect(settled).toMatchObject({ mpesa_receipt: expect.stringMatching(/^[A-Z0-9]{10}$/), result_code: "0", completed_at: expect.any(String) });
  });
});
