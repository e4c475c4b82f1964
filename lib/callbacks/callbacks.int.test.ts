import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { creationResponse } from "@/lib/api/payment-responses";
import { darajaStkRail } from "@/lib/rails/daraja/stk-rail";
import { createCallbackToken } from "@/lib/rails/callback-token";
import { reprocessCallback } from "@/lib/callbacks/reprocess-callback";
import { createDarajaClient } from "@/lib/rails/daraja/client";
import { scenarioPhone } from "@/lib/rails/daraja/simulator/scenarios";
import { createPayment } from "@/lib/payments/create-payment";
import { expirePayment } from "@/lib/payments/expire-payment";
import { eventually, startGateway, type Gateway, type TestStorefront } from "@/lib/testing/gateway";
import { rawRequest } from "@/lib/testing/http-request";
import { insertFirstAttempts } from "@/lib/testing/attempt-fixtures";

/**
 * Callbacks end to end: the simulator's real callbacks through the HTTP route, the queue and the
 * worker; hostile and broken requests; duplicates under concurrency; callbacks that race the push.
 */

const ACK = { ResultCode: 0, ResultDesc: "Accepted" };
type Scenario = { name: string; status: string; timeline: string[]; failureCode?: string | null; http?: number };

// What each simulator scenario must end as, and the timeline that gets it there.
const SCENARIOS: Scenario[] = [
  { name: "success", status: "SUCCEEDED", timeline: ["initiate", "accept", "succeed"] },
  { name: "cancelled", status: "CANCELLED", timeline: ["initiate", "accept", "cancel"], failureCode: "cancelled_by_customer" },
  { name: "no-response", status: "FAILED", timeline: ["initiate", "accept", "fail"], failureCode: "no_response" },
  { name: "insufficient-funds", status: "FAILED", timeline: ["initiate", "accept", "fail"], failureCode: "insufficient_funds" },
  { name: "wrong-pin", status: "FAILED", timeline: ["initiate", "accept", "fail"], failureCode: "wrong_pin" },
  { name: "triple-callback", status: "SUCCEEDED", timeline: ["initiate", "accept", "succeed", "duplicate", "duplicate"] },
  { name: "late-callback", status: "SUCCEEDED", timeline: ["initiate", "accept", "succeed"] },
  { name: "amount-mismatch", status: "REVIEW", timeline: ["initiate", "accept", "review"] },
  { name: "system-busy", status: "FAILED", timeline: ["initiate", "reject"], failureCode: "mpesa_unavailable", http: 503 },
  { name: "manual", status: "FAILED", timeline: ["initiate", "accept", "fail"], failureCode: "no_response" },
  { name: "expired", status: "FAILED", timeline: ["initiate", "accept", "fail"], failureCode: "prompt_expired" },
  { name: "push-error", status: "FAILED", timeline: ["initiate", "accept", "fail"], failureCode: "prompt_not_delivered" },
  { name: "rule-limited", status: "FAILED", timeline: ["initiate", "accept", "fail"], failureCode: "rule_limited" },
  // No callback ever comes: settling these by status query is the reconciler's job.
  { name: "no-callback", status: "PENDING", timeline: ["initiate", "accept"] },
  { name: "pending-forever", status: "PENDING", timeline: ["initiate", "accept"] },
];

describe("STK callbacks", () => {
  let gw: Gateway;
  let shop: TestStorefront;
  const create = (phone: string, amount = 100, reference = "CB-1") => gw.api(shop.keys.TEST, "POST", "/api/v1/payments", { body: { amount, phone, reference } });
  const timeline = async (paymentId: string) => (await gw.db.paymentEvent.findMany({ where: { paymentId }, orderBy: { id: "asc" } })).map((e) => e.type);
  const payment = (id: string) => gw.db.payment.findUniqueOrThrow({ where: { id } });
  const callbackPath = (paymentId: string) => `/api/callbacks/stk/${createCallbackToken(paymentId, gw.env.secrets.callback, "TEST")}`;
  const post = (path: string, body: string | Buffer, options: { localAddress?: string; headers?: Record<string, string> } = {}) =>
    rawRequest(`${gw.app.url}${path}`, { method: "POST", body, localAddress: options.localAddress, headers: { "Content-Type": "application/json", ...options.headers } });
  const successBody = (p: { checkoutRequestId: string | null; merchantRequestId: string | null; amount: number }, receipt: string, resultCode: number | string = 0) => JSON.stringify({
    Body: { stkCallback: {
      MerchantRequestID: p.merchantRequestId, CheckoutRequestID: p.checkoutRequestId, ResultCode: resultCode, ResultDesc: "The service request is processed successfully.",
      CallbackMetadata: { Item: [{ Name: "Amount", Value: p.amount }, { Name: "MpesaReceiptNumber", Value: receipt }, { Name: "Balance" },
        { Name: "TransactionDate", Value: 20261129101500 }, { Name: "PhoneNumber", Value: 254708000011 }] },
    } },
  });
  // A payment whose own callback never comes (pending-forever), so tests can send their own.
  const pendingPayment = async (amount = 100) => {
    const res = await create(scenarioPhone("pending-forever"), amount);
    expect(res.status).toBe(201);
    return payment(String(res.body.id));
  };
  const settledLog = (id: bigint) => eventually(async () => {
    const log = await gw.db.callbackLog.findUniqueOrThrow({ where: { id } });
    return log.outcome !== "RECEIVED" && log;
  });

  beforeAll(async () => {
    gw = await startGateway({ env: { CALLBACK_REJECTED_LOG_PER_MINUTE: "5" } });
    shop = await gw.createStorefront();
  });
  afterAll(async () => {
    await gw?.close();
  });

  it("brings every simulator scenario to the right state with the right timeline", async () => {
    const created = await Promise.all(SCENARIOS.map(async (s) => ({ s, res: await create(scenarioPhone(s.name), 100, s.name.slice(0, 12)) })));
    for (const { s, res } of created) expect([s.name, res.status]).toEqual([s.name, s.http ?? 201]);
    const ids = created.map(({ res }) => String(res.body.id ?? (res.body.error as { payment_id: string }).payment_id));
    await eventually(async () => {
      const rows = await gw.db.payment.findMany({ where: { id: { in: ids } } });
      const events = await gw.db.paymentEvent.groupBy({ by: ["paymentId"], where: { paymentId: { in: ids } }, _count: true });
      return SCENARIOS.every((s, i) => rows.find((r) => r.id === ids[i])?.status === s.status && events.find((e) => e.paymentId === ids[i])?._count === s.timeline.length);
    }, 15_000);
    // Give the callback-less scenarios time to prove nothing arrives for them.
    await new Promise((r) => setTimeout(r, 300));
    for (const [i, s] of SCENARIOS.entries()) {
      const row = await payment(ids[i]!);
      expect({ scenario: s.name, status: row.status, timeline: await timeline(row.id) }).toEqual({ scenario: s.name, status: s.status, timeline: s.timeline });
      if (s.failureCode !== undefined) expect([s.name, row.failureCode]).toEqual([s.name, s.failureCode]);
      if (s.status === "SUCCEEDED") expect(row).toMatchObject({ mpesaReceipt: expect.stringMatching(/^[A-Z0-9]{10}$/), resultCode: "0", mpesaAmount: 100, late: false });
    }
    const mismatch = await payment(ids[SCENARIOS.findIndex((s) => s.name === "amount-mismatch")]!);
    expect(mismatch).toMatchObject({ mpesaAmount: 99, reviewReason: "M-Pesa reported KES 99 for a payment of KES 100", mpesaReceipt: expect.any(String) });
    const webhookTypes = await gw.db.webhookEvent.findMany({ where: { paymentId: { in: ids } }, select: { paymentId: true, type: true } });
    expect(webhookTypes.filter((w) => w.paymentId === mismatch.id).map((w) => w.type)).toEqual(["payment.review"]);
    const triple = ids[SCENARIOS.findIndex((s) => s.name === "triple-callback")]!;
    expect(webhookTypes.filter((w) => w.paymentId === triple).map((w) => w.type)).toEqual(["payment.succeeded"]);
    expect(await gw.db.callbackLog.groupBy({ by: ["outcome"], where: { paymentId: triple }, _count: true, orderBy: { outcome: "asc" } }))
      .toEqual([{ outcome: "APPLIED", _count: 1 }, { outcome: "DUPLICATE", _count: 2 }]);
  });

  it("applies a success that arrives after an admin expired the payment, flagged late", async () => {
    const res = await create(scenarioPhone("late-callback"), 100, "LATE-1");
    const id = String(res.body.id);
    await expirePayment(gw.db, { paymentId: id, actorUserId: "usr_admin", reason: "customer walked away" });
    const settled = await eventually(async () => {
      const row = await payment(id);
      return row.status === "SUCCEEDED" && row;
    });
    expect(settled).toMatchObject({ late: true, mpesaReceipt: expect.any(String) });
    expect(await timeline(id)).toEqual(["initiate", "accept", "expire", "succeed"]);
    expect((await gw.db.webhookEvent.findMany({ where: { paymentId: id }, orderBy: { createdAt: "asc" } })).map((e) => e.type)).toEqual(["payment.expired", "payment.succeeded"]);
  });

  it("applies one success callback POSTed 20 times concurrently exactly once: one transition, one receipt, 19 duplicates", async () => {
    const p = await pendingPayment(320);
    const body = successBody(p, "UKT1CONCUR");
    const answers = await Promise.all(Array.from({ length: 20 }, () => post(callbackPath(p.id), body)));
    expect(answers.map((a) => [a.status, a.json])).toEqual(Array(20).fill([200, ACK]));
    await eventually(async () => (await gw.db.callbackLog.count({ where: { paymentId: p.id, outcome: { not: "RECEIVED" } } })) === 20);
    const events = await gw.db.paymentEvent.findMany({ where: { paymentId: p.id } });
    expect(events.filter((e) => e.toStatus === "SUCCEEDED")).toHaveLength(1);
    expect(events.filter((e) => e.type === "duplicate")).toHaveLength(19);
    expect(await gw.db.payment.count({ where: { mpesaReceipt: "UKT1CONCUR" } })).toBe(1);
    expect(await payment(p.id)).toMatchObject({ status: "SUCCEEDED", mpesaReceipt: "UKT1CONCUR", mpesaAmount: 320 });
    expect(await gw.db.webhookEvent.count({ where: { paymentId: p.id } })).toBe(1);
  });

  it("applies a callback that beats the push acknowledgement (the push's answer never comes)", async () => {
    const res = await create(scenarioPhone("push-hangs"), 100, "HANG-1");
    // The push timed out on our side; its callback had arrived and been applied meanwhile.
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: "succeeded", checkout_request_id: expect.stringMatching(/^ws_CO_/) });
    const row = await payment(String(res.body.id));
    expect(row).toMatchObject({ status: "SUCCEEDED", outcomeUnknown: false, mpesaReceipt: expect.any(String) });
    expect(await timeline(row.id)).toEqual(["initiate", "succeed", "outcome_unknown"]);
  });

  it("applies a callback that beats an acknowledgement which does arrive, and keeps the ids", async () => {
    const config = gw.env.daraja.test!;
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    // Holds Daraja's answer to the push until the callback has been applied.
    const slowAck: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (String(input).includes("/stkpush/")) await released;
      return response;
    };
    const pending = createPayment(gw.db, {
      storefrontId: shop.id, mode: "TEST", input: { amount: 100, phone: "254712999001", reference: "RACE-1" },
      rail: darajaStkRail(createDarajaClient(config, { fetch: slowAck }), { publicUrl: gw.env.publicUrl, callbackSecret: gw.env.secrets.callback }), expirySeconds: 900,
    });
    const row = await eventually(() => gw.db.payment.findFirst({ where: { reference: "RACE-1", status: "SUCCEEDED" } }));
    release();
    const result = await pending;
    expect(result.kind).toBe("accepted");
    expect(result.payment).toMatchObject({ id: row.id, status: "SUCCEEDED", checkoutRequestId: row.checkoutRequestId, acceptedAt: null });
    expect(await timeline(row.id)).toEqual(["initiate", "succeed", "conflict"]);
  });

  it("keeps a push whose answer was lost as INITIATING (outcome unknown) and answers 202", async () => {
    // The request reaches Daraja (the prompt is on the phone), then the connection drops.
    const lostAnswer: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (!String(input).includes("/stkpush/")) return response;
      throw Object.assign(new TypeError("fetch failed"), { cause: Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }) });
    };
    const result = await createPayment(gw.db, {
      storefrontId: shop.id, mode: "TEST", input: { amount: 100, phone: scenarioPhone("pending-forever"), reference: "LOST-1" },
      rail: darajaStkRail(createDarajaClient(gw.env.daraja.test!, { fetch: lostAnswer }), { publicUrl: gw.env.publicUrl, callbackSecret: gw.env.secrets.callback }), expirySeconds: 900,
    });
    expect(result.kind).toBe("unknown");
    expect(result.payment).toMatchObject({ status: "INITIATING", outcomeUnknown: true, checkoutRequestId: null });
    expect(creationResponse(result)).toMatchObject({ status: 202, body: { id: result.payment.id, status: "initiating" } });
    expect(await timeline(result.payment.id)).toEqual(["initiate", "outcome_unknown"]);
    expect(gw.sim.pushes().filter((p) => p.request.accountReference === "LOST-1")).toHaveLength(1);
  });

  describe("broken and hostile requests: no 5xx, no state change, each stored with its verdict", () => {
    it("marks unreadable bodies INVALID with the reason", async () => {
      const p = await pendingPayment();
      const path = callbackPath(p.id);
      const bodies: [string, string | Buffer, RegExp][] = [
        ["malformed JSON", '{"Body": {"stkCallback": ', /not JSON/],
        ["empty body", "", /not JSON/],
        ["wrong types", JSON.stringify({ Body: { stkCallback: { MerchantRequestID: p.merchantRequestId, CheckoutRequestID: p.checkoutRequestId, ResultCode: { code: 0 } } } }), /ResultCode/],
        ["missing ids", JSON.stringify({ Body: { stkCallback: { ResultCode: 0 } } }), /MerchantRequestID/],
        ["an array", "[1,2,3]", /expected object/],
        ["NUL bytes", Buffer.from([123, 0, 125]), /not JSON/],
        ["not final", JSON.stringify({ Body: { stkCallback: { MerchantRequestID: p.merchantRequestId, CheckoutRequestID: p.checkoutRequestId, ResultCode: "4999" } } }), /not a final result/],
      ];
      for (const [what, body] of bodies) {
        const res = await post(path, body);
        expect([what, res.status, res.json]).toEqual([what, 200, ACK]);
      }
      const logs = await eventually(async () => {
        const rows = await gw.db.callbackLog.findMany({ where: { token: path.split("/").pop() }, orderBy: { id: "asc" } });
        return rows.length === bodies.length && rows.every((r) => r.outcome !== "RECEIVED") && rows;
      });
      logs.forEach((log, i) => expect([bodies[i]![0], log.outcome, log.error, log.paymentId]).toEqual([bodies[i]![0], "INVALID", expect.stringMatching(bodies[i]![2]), p.id]));
      expect(logs[5]!.body).toBe("{\uFFFD}");
      expect(await payment(p.id)).toMatchObject({ status: "PENDING" });
      expect(await timeline(p.id)).toEqual(["initiate", "accept"]);
    });

    it("stores an oversized body truncated as INVALID and answers 413", async () => {
      const p = await pendingPayment();
      const res = await post(callbackPath(p.id), successBody(p, "UKT1BIGBIG").replace("}}}}", `,"pad":"${"x".repeat(10_000)}"}}}}`));
      expect(res).toMatchObject({ status: 413, json: { error: { code: "payload_too_large" } } });
      const log = await gw.db.callbackLog.findFirstOrThrow({ where: { token: callbackPath(p.id).split("/").pop() } });
      expect(log).toMatchObject({ outcome: "INVALID", tokenValid: true, ipAllowed: true, error: expect.stringMatching(/larger than 4096 bytes/) });
      expect(Buffer.byteLength(log.body)).toBe(4096);
      expect((await payment(p.id)).status).toBe("PENDING");
    });

    it("refuses a bad token with 404 and a REJECTED entry", async () => {
      const p = await pendingPayment();
      const forged = `${p.id}.${"A".repeat(43)}`;
      for (const token of [forged, "not-a-token", "pay_x%00y"]) {
        const res = await post(`/api/callbacks/stk/${token}`, successBody(p, "UKT1FORGED"));
        expect([token, res.status]).toEqual([token, 404]);
      }
      const log = await gw.db.callbackLog.findFirstOrThrow({ where: { token: forged } });
      expect(log).toMatchObject({ outcome: "REJECTED", tokenValid: false, ipAllowed: true, error: expect.stringMatching(/signature/), body: expect.stringContaining("UKT1FORGED") });
      expect(await gw.db.callbackLog.count({ where: { token: "pay_x\uFFFDy" } })).toBe(1);
      expect((await payment(p.id)).status).toBe("PENDING");
    });

    it("refuses a disallowed address with 403, even behind a forged X-Forwarded-For, and trusts only configured proxies", async () => {
      const p = await pendingPayment();
      const body = successBody(p, "UKT1PROXY1");
      const direct = await post(callbackPath(p.id), body, { localAddress: "127.0.0.2" });
      const forged = await post(callbackPath(p.id), body, { localAddress: "127.0.0.2", headers: { "X-Forwarded-For": "127.0.0.1" } });
      const forgedPeer = await post(callbackPath(p.id), body, { localAddress: "127.0.0.2", headers: { "X-Malipo-Peer-Address": "127.0.0.1" } });
      expect([direct.status, forged.status, forgedPeer.status]).toEqual([403, 403, 403]);
      expect(direct.json).toMatchObject({ error: { code: "forbidden" } });
      const proxiedFromOutside = await post(callbackPath(p.id), body, { localAddress: "127.0.0.3", headers: { "X-Forwarded-For": "10.9.9.9" } });
      expect(proxiedFromOutside.status).toBe(403);
      // The token is valid: each is kept whole and filed under its payment, refused for its address.
      const rejected = await eventually(async () => {
        const rows = await gw.db.callbackLog.findMany({ where: { token: callbackPath(p.id).split("/").pop() }, orderBy: { id: "asc" } });
        return rows.length === 4 && rows.every((r) => r.outcome !== "RECEIVED") && rows;
      });
      expect(rejected.map((r) => [r.sourceIp, r.ipAllowed, r.outcome, r.paymentId, r.body === body])).toEqual([
        ["127.0.0.2", false, "REJECTED", p.id, true], ["127.0.0.2", false, "REJECTED", p.id, true], ["127.0.0.2", false, "REJECTED", p.id, true], ["10.9.9.9", false, "REJECTED", p.id, true],
      ]);
      expect(rejected[0]!.error).toMatch(/^refused: source address 127\.0\.0\.2/);
      expect(rejected[1]!.headers).toMatchObject({ "x-forwarded-for": "127.0.0.1" });
      expect((await payment(p.id)).status).toBe("PENDING");

      const proxied = await post(callbackPath(p.id), body, { localAddress: "127.0.0.3", headers: { "X-Forwarded-For": "10.9.9.9, 127.0.0.1" } });
      expect([proxied.status, proxied.json]).toEqual([200, ACK]);
      await eventually(async () => (await payment(p.id)).status === "SUCCEEDED");
    });

    it("keeps at most the configured number of refused rows per address and minute, counting the rest", async () => {
      const p = await pendingPayment();
      const answers = [];
      for (let i = 0; i < 12; i++) answers.push((await post(`/api/callbacks/stk/flood-${i}`, "x".repeat(5000), { localAddress: "127.0.0.4" })).status);
      expect(answers).toEqual(Array(12).fill(403));
      const rows = await gw.db.callbackLog.findMany({ where: { sourceIp: "127.0.0.4" } });
      expect(rows).toHaveLength(5);
      expect(rows.every((r) => Buffer.byteLength(r.body) <= 2048 && /truncated/.test(r.error ?? ""))).toBe(true);
      const counter = await gw.db.rateLimitWindow.findFirstOrThrow({ where: { key: "callbacks.rejected:127.0.0.4" } });
      expect(counter.count).toBe(12);
      expect((await payment(p.id)).status).toBe("PENDING");
    });

    it("answers other methods with 405", async () => {
      const res = await rawRequest(`${gw.app.url}/api/callbacks/stk/anything`);
      expect(res.status).toBe(405);
      expect(res.headers.allow).toBe("POST");
    });
  });

  describe("callbacks that match no payment", () => {
    it("retries an unknown CheckoutRequestID, then parks it UNMATCHED; an admin can re-queue it once the payment exists", async () => {
      // A correctly signed URL for a payment this database does not have (e.g. restored from a backup).
      const ghost = "pay_GhostGhostGhostGhost0001";
      const body = successBody({ checkoutRequestId: "ws_CO_UNKNOWN0001", merchantRequestId: "m-unknown-1", amount: 100 }, "UKT1GHOST1");
      const res = await post(callbackPath(ghost), body);
      expect([res.status, res.json]).toEqual([200, ACK]);
      const [{ id }] = await gw.db.callbackLog.findMany({ where: { token: callbackPath(ghost).split("/").pop() }, select: { id: true } }) as [{ id: bigint }];
      const parked = await settledLog(id);
      expect(parked).toMatchObject({ outcome: "UNMATCHED", paymentId: null, checkoutRequestId: "ws_CO_UNKNOWN0001", error: expect.stringMatching(/no payment has CheckoutRequestID ws_CO_UNKNOWN0001/) });
      expect(parked.attempts).toBeGreaterThanOrEqual(2);

      await gw.db.payment.create({ data: { id: ghost, storefrontId: shop.id, mode: "TEST", amount: 100, phone: "254708000011", reference: "GHOST", expiresAt: new Date(Date.now() + 60_000) } });
      await insertFirstAttempts(gw.db, [ghost]);
      await expect(reprocessCallback(gw.db, { callbackLogId: id, actorUserId: "usr_admin", reason: "payment restored" })).resolves.toMatchObject({ id });
      const applied = await settledLog(id);
      expect(applied).toMatchObject({ outcome: "APPLIED", paymentId: ghost });
      expect(await payment(ghost)).toMatchObject({ status: "SUCCEEDED", checkoutRequestId: "ws_CO_UNKNOWN0001", mpesaReceipt: "UKT1GHOST1" });
      const events = await gw.db.paymentEvent.findMany({ where: { paymentId: ghost }, orderBy: { id: "asc" } });
      expect(events.map((e) => [e.type, e.source, e.actorUserId])).toEqual([["callback_requeued", "admin", "usr_admin"], ["succeed", "callback", null]]);
      expect(events[1]!.callbackLogId).toBe(id);

      await expect(reprocessCallback(gw.db, { callbackLogId: id, actorUserId: "usr_admin", reason: "again" })).rejects.toMatchObject({ code: "invalid_state" });
      await expect(reprocessCallback(gw.db, { callbackLogId: 999_999n, actorUserId: "usr_admin", reason: "x" })).rejects.toMatchObject({ code: "not_found" });
      await expect(reprocessCallback(gw.db, { callbackLogId: id, actorUserId: "usr_admin", reason: "" })).rejects.toMatchObject({ code: "validation_failed" });
    });

    it("rejects a callback whose CheckoutRequestID belongs to another payment than its URL's", async () => {
      const a = await pendingPayment();
      const b = await pendingPayment();
      const res = await post(callbackPath(a.id), successBody(b, "UKT1CROSS1"));
      expect(res.status).toBe(200);
      const [{ id }] = await gw.db.callbackLog.findMany({ where: { token: callbackPath(a.id).split("/").pop() }, select: { id: true } }) as [{ id: bigint }];
      expect(await settledLog(id)).toMatchObject({ outcome: "REJECTED", paymentId: b.id, error: expect.stringMatching(new RegExp(`issued for payment ${a.id}`)) });
      expect((await payment(a.id)).status).toBe("PENDING");
      expect((await payment(b.id)).status).toBe("PENDING");
      expect(await timeline(b.id)).toEqual(["initiate", "accept", "callback_rejected"]);
    });
  });

  describe("receipts", () => {
    it("sends a success whose receipt already belongs to another payment to REVIEW", async () => {
      const first = await pendingPayment();
      const second = await pendingPayment();
      await post(callbackPath(first.id), successBody(first, "UKT1SHARED"));
      await eventually(async () => (await payment(first.id)).status === "SUCCEEDED");
      await post(callbackPath(second.id), successBody(second, "UKT1SHARED"));
      const reviewed = await eventually(async () => {
        const row = await payment(second.id);
        return row.status === "REVIEW" && row;
      });
      expect(reviewed).toMatchObject({ mpesaReceipt: null, reviewReason: `receipt UKT1SHARED already belongs to payment ${first.id}` });
      expect(await gw.db.payment.count({ where: { mpesaReceipt: "UKT1SHARED" } })).toBe(1);
    });

    it("records a failure after a success as STALE and a success after a failure as REVIEW", async () => {
      const paid = await pendingPayment();
      await post(callbackPath(paid.id), successBody(paid, "UKT1ORDER1"));
      await eventually(async () => (await payment(paid.id)).status === "SUCCEEDED");
      const cancel = JSON.stringify({ Body: { stkCallback: { MerchantRequestID: paid.merchantRequestId, CheckoutRequestID: paid.checkoutRequestId, ResultCode: 1032, ResultDesc: "Request cancelled by user" } } });
      await post(callbackPath(paid.id), cancel);
      await eventually(async () => (await timeline(paid.id)).includes("stale"));
      expect(await payment(paid.id)).toMatchObject({ status: "SUCCEEDED", mpesaReceipt: "UKT1ORDER1" });

      const failed = await pendingPayment();
      await post(callbackPath(failed.id), cancel.replaceAll(paid.checkoutRequestId!, failed.checkoutRequestId!).replaceAll(paid.merchantRequestId!, failed.merchantRequestId!));
      await eventually(async () => (await payment(failed.id)).status === "CANCELLED");
      await post(callbackPath(failed.id), successBody(failed, "UKT1AFTER1"));
      const reviewed = await eventually(async () => {
        const row = await payment(failed.id);
        return row.status === "REVIEW" && row;
      });
      expect(reviewed).toMatchObject({ mpesaReceipt: "UKT1AFTER1", reviewReason: "M-Pesa reported a success after the payment had been cancelled" });
      expect(await timeline(failed.id)).toEqual(["initiate", "accept", "cancel", "review"]);
    });
  });
});
