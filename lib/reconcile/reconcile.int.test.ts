import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCallbackToken } from "@/lib/rails/callback-token";
import { darajaStkRail } from "@/lib/rails/daraja/stk-rail";
import { WINDOW_MATCH_REASON } from "@/lib/payments/decide";
import { createId } from "@/lib/ids";
import { processCallbackJob } from "@/lib/callbacks/process-callback-job";
import { reconcilePaymentJob } from "@/lib/reconcile/reconcile-payment-job";
import { sweepPaymentsJob } from "@/lib/reconcile/sweep-payments-job";
import { createDarajaClient } from "@/lib/rails/daraja/client";
import { scenarioPhone } from "@/lib/rails/daraja/simulator/scenarios";
import { createPayment } from "@/lib/payments/create-payment";
import { expirePayment } from "@/lib/payments/expire-payment";
import { recheckPayment } from "@/lib/reconcile/recheck-payment";
import { darajaQueryTarget } from "@/lib/reconcile/reconcile-settings";
import { resolveReview } from "@/lib/payments/resolve-review";
import { eventually, startGateway, type Gateway, type TestStorefront } from "@/lib/testing/gateway";
import { rawRequest } from "@/lib/testing/http-request";

/**
 * Reconciliation end to end on PostgreSQL, the simulator, the HTTP routes and a worker running the
 * callback, reconcile and sweep jobs, with deadlines compressed to seconds: settling by status
 * query, the last query at the deadline, late and contradictory answers, unknown outcomes,
 * status polling and the admin re-check.
 */

const EXPIRY_SECONDS = 4;
type Json = Record<string, unknown>;

describe("reconciliation by status query", () => {
  let gw: Gateway;
  let shop: TestStorefront;
  let phones = 0;
  const freshPhone = () => `2547${String(31_000_000 + ++phones)}`;
  const create = async (phone: string, amount = 100, reference = "REC-1") => {
    const res = await gw.api(shop.keys.TEST, "POST", "/api/v1/payments", { body: { amount, phone, reference } });
    expect([201, 202]).toContain(res.status);
    return String(res.body.id);
  };
  const payment = (id: string) => gw.db.payment.findUniqueOrThrow({ where: { id } });
  const events = (paymentId: string) => gw.db.paymentEvent.findMany({ where: { paymentId }, orderBy: { id: "asc" } });
  const timeline = async (paymentId: string) => (await events(paymentId)).map((e) => e.type);
  const webhookTypes = async (paymentId: string) =>
    (await gw.db.webhookEvent.findMany({ where: { paymentId }, orderBy: { createdAt: "asc" } })).map((w) => w.type);
  const simQueries = (checkoutRequestId: string | null) => gw.sim.pushes().find((p) => p.checkoutRequestId === checkoutRequestId)?.queries ?? [];
  const settled = (id: string, timeoutMs = 15_000) => eventually(async () => {
    const row = await payment(id);
    return row.status !== "PENDING" && row.status !== "INITIATING" && row;
  }, timeoutMs);
  const postCallback = (tokenPaymentId: string, body: Json, headers: Record<string, string> = {}) =>
    rawRequest(`${gw.app.url}/api/callbacks/stk/${createCallbackToken(tokenPaymentId, gw.env.secrets.callback, "TEST")}`, {
      method: "POST", body: JSON.stringify(body), headers: { "Content-Type": "application/json", BusinessShortCode: "174379", ...headers },
    });
  const successBody = (ids: { checkoutRequestId: string | null; merchantRequestId: string | null }, amount: number, receipt: string, phone: string) => ({
    Body: { stkCallback: {
      MerchantRequestID: ids.merchantRequestId, CheckoutRequestID: ids.checkoutRequestId, ResultCode: 0, ResultDesc: "The service request is processed successfully.",
      CallbackMetadata: { Item: [{ Name: "Amount", Value: amount }, { Name: "MpesaReceiptNumber", Value: receipt }, { Name: "Balance" },
        { Name: "TransactionDate", Value: 20261204101500 }, { Name: "PhoneNumber", Value: Number(phone) }] },
    } },
  });
  /**
   * A push whose connection dropped mid-request: INITIATING, outcome unknown, no ids. (It never
   * reaches the simulator, so no callback comes unless a test sends one.)
   */
  const unknownOutcome = async (phone: string, amount: number, reference: string, schedule: boolean, expirySeconds = EXPIRY_SECONDS) => {
    const lostAnswer: typeof fetch = async (input, init) => {
      if (!String(input).includes("/stkpush/")) return fetch(input, init);
      throw Object.assign(new TypeError("fetch failed"), { cause: Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }) });
    };
    const result = await createPayment(gw.db, {
      storefrontId: shop.id, mode: "TEST", input: { amount, phone, reference }, rail: darajaStkRail(createDarajaClient(gw.env.daraja.test!, { fetch: lostAnswer }), { publicUrl: gw.env.publicUrl, callbackSecret: gw.env.secrets.callback }),
      expirySeconds,
      ...(schedule ? { reconcileAfterSeconds: gw.env.payments.reconcileAfterSeconds } : {}),
    });
    expect(result).toMatchObject({ kind: "unknown", payment: { status: "INITIATING", outcomeUnknown: true, checkoutRequestId: null } });
    return result.payment;
  };

  beforeAll(async () => {
    gw = await startGateway({
      env: {
        RECONCILE_AFTER_SECONDS: "1", RECONCILE_MAX_INTERVAL_SECONDS: "1", PAYMENT_EXPIRY_SECONDS: String(EXPIRY_SECONDS),
        QUERY_RATE_PER_SECOND: "20", SWEEP_INTERVAL_SECONDS: "1", DARAJA_TIMEOUT_MS: "600", POLL_QUERY_MIN_INTERVAL_SECONDS: "1",
        UNKNOWN_OUTCOME_MATCH_WINDOW_SECONDS: "60",
        // Expiry is final here, so each test sees one outcome; queries after expiry are
        // post-expiry.int.test.ts's and query-answers.int.test.ts's.
        EXPIRED_RECONCILE_HOURS: "0",
      },
      // The callback comes after the push's 600 ms timeout; late-callback settles after the 4 s deadline.
      simulator: { callbackDelayMs: 1200, lateCallbackDelayMs: EXPIRY_SECONDS * 1000 + 4000, hangMs: 10_000 },
      jobs: [processCallbackJob, reconcilePaymentJob, sweepPaymentsJob],
    });
    shop = await gw.createStorefront("Reconcile shop");
  });
  afterAll(async () => {
    await gw?.close();
  });

  it("settles the no-callback scenario SUCCEEDED by query with the receipt missing, and a later callback fills it in", async () => {
    const phone = scenarioPhone("no-callback");
    const id = await create(phone, 150, "NOCB-1");
    const row = await settled(id);
    expect(row).toMatchObject({ status: "SUCCEEDED", receiptMissing: true, mpesaReceipt: null, resultCode: "0", late: false, completedAt: expect.any(Date) });
    const history = await events(id);
    const succeed = history.find((e) => e.type === "succeed")!;
    expect(succeed).toMatchObject({ source: "query", fromStatus: "PENDING", toStatus: "SUCCEEDED" });
    const queries = history.filter((e) => e.type === "query");
    expect(queries.length).toBeGreaterThanOrEqual(1);
    expect(queries.at(-1)!.data).toMatchObject({ answer: "final", resultCode: "0", verdict: "succeed" });
    // Every query the simulator answered is on the timeline, and none came before RECONCILE_AFTER_SECONDS.
    expect(simQueries(row.checkoutRequestId)).toHaveLength(queries.length);
    expect(new Date(simQueries(row.checkoutRequestId)[0]!.at).getTime() - row.acceptedAt!.getTime()).toBeGreaterThanOrEqual(1000);
    expect(await webhookTypes(id)).toEqual(["payment.succeeded"]);

    const res = await postCallback(id, successBody(row, 150, "UKT1FILLED", phone));
    expect(res.status).toBe(200);
    const filled = await eventually(async () => {
      const p = await payment(id);
      return p.mpesaReceipt !== null && p;
    });
    expect(filled).toMatchObject({ status: "SUCCEEDED", mpesaReceipt: "UKT1FILLED", receiptMissing: false });
    expect((await timeline(id)).slice(-1)).toEqual(["receipt_filled"]);
    const hooks = await gw.db.webhookEvent.findMany({ where: { paymentId: id }, orderBy: { createdAt: "asc" } });
    expect(hooks.map((h) => h.type)).toEqual(["payment.succeeded", "payment.updated"]);
    expect((hooks[1]!.payload as { data: { object: Json } }).data.object).toMatchObject({ status: "succeeded", mpesa_receipt: "UKT1FILLED", receipt_missing: false });
  });

  it("schedules the first query when the push is accepted, and still gets there through the sweep when that job is lost", async () => {
    const id = await create(scenarioPhone("no-callback"), 120, "LOSTJOB-1");
    const row = await payment(id);
    expect(row.nextQueryAt!.getTime() - row.acceptedAt!.getTime()).toBe(1000);
    const jobs = () => gw.db.$queryRaw<{ state: string; start_after: Date }[]>`
      SELECT state, start_after FROM pgboss.job WHERE name = 'payments.reconcile' AND singleton_key = ${id}`;
    const [scheduled] = await jobs();
    expect(scheduled).toMatchObject({ state: "created" });
    expect(scheduled!.start_after.getTime()).toBe(row.nextQueryAt!.getTime());
    // The job is lost (a wiped queue, a bug): the sweep notices the payment is due and queues another.
    await gw.db.$executeRaw`DELETE FROM pgboss.job WHERE name = 'payments.reconcile' AND singleton_key = ${id}`;
    expect(await settled(id)).toMatchObject({ status: "SUCCEEDED", receiptMissing: true });
  });

  it("expires the pending-forever scenario at its deadline, after a last query, with every query on the timeline", async () => {
    const id = await create(scenarioPhone("pending-forever"), 100, "FOREVER-1");
    const row = await settled(id);
    expect(row).toMatchObject({ status: "EXPIRED", failureCode: "expired", receiptMissing: false });
    const history = await events(id);
    const types = history.map((e) => e.type);
    const queries = history.filter((e) => e.type === "query");
    expect(types.slice(0, 2)).toEqual(["initiate", "accept"]);
    expect(types.at(-1)).toBe("expire");
    expect(types.slice(2, -1).every((t) => t === "query")).toBe(true);
    // One query a second from 1 s after acceptance to the 4 s deadline.
    expect(queries.length).toBeGreaterThanOrEqual(2);
    expect(queries.every((q) => (q.data as Json).answer === "pending")).toBe(true);
    expect(queries.map((q) => (q.data as Json).queryNumber)).toEqual(queries.map((_, i) => i + 1));
    const last = queries.at(-1)!;
    expect(last.data).toMatchObject({ last: true });
    expect(queries.slice(0, -1).every((q) => !(q.data as Json).last)).toBe(true);
    expect(last.createdAt.getTime()).toBeGreaterThanOrEqual(row.expiresAt.getTime());
    expect(history.at(-1)).toMatchObject({ type: "expire", source: "sweep", fromStatus: "PENDING", toStatus: "EXPIRED" });
    expect(simQueries(row.checkoutRequestId)).toHaveLength(queries.length);
    expect(row).toMatchObject({ queryCount: queries.length, nextQueryAt: null });
    expect(await webhookTypes(id)).toEqual(["payment.expired"]);
  });

  it("settles a success that arrives after expiry SUCCEEDED, flagged late, and tells the storefront", async () => {
    const id = await create(scenarioPhone("late-callback"), 100, "LATE-1");
    expect((await settled(id)).status).toBe("EXPIRED");
    const paid = await eventually(async () => {
      const row = await payment(id);
      return row.status === "SUCCEEDED" && row;
    }, 10_000);
    expect(paid).toMatchObject({ late: true, receiptMissing: false, mpesaReceipt: expect.stringMatching(/^[A-Z0-9]{10}$/) });
    const history = await events(id);
    expect(history.at(-1)).toMatchObject({ type: "succeed", source: "callback", fromStatus: "EXPIRED", toStatus: "SUCCEEDED", data: expect.objectContaining({ late: true }) });
    const hooks = await gw.db.webhookEvent.findMany({ where: { paymentId: id }, orderBy: { createdAt: "asc" } });
    expect(hooks.map((h) => h.type)).toEqual(["payment.expired", "payment.succeeded"]);
    expect((hooks[1]!.payload as { data: { object: Json } }).data.object).toMatchObject({ status: "succeeded", late: true });
  });

  it("keeps a hung push INITIATING with its outcome unknown, never queries it, and settles it from its callback", async () => {
    const res = await gw.api(shop.keys.TEST, "POST", "/api/v1/payments", { body: { amount: 100, phone: scenarioPhone("push-hangs"), reference: "HANG-1" } });
    expect(res).toMatchObject({ status: 202, body: { status: "initiating", checkout_request_id: null } });
    const id = String(res.body.id);
    expect(await payment(id)).toMatchObject({ status: "INITIATING", outcomeUnknown: true });
    const row = await settled(id);
    expect(row).toMatchObject({ status: "SUCCEEDED", receiptMissing: false, mpesaReceipt: expect.any(String), checkoutRequestId: expect.stringMatching(/^ws_CO_/) });
    expect(await timeline(id)).toEqual(["initiate", "outcome_unknown", "succeed"]);
    expect(simQueries(row.checkoutRequestId)).toEqual([]);
  });

  it("expires an unknown outcome that no callback resolves at its deadline, without a query, by the sweep alone", async () => {
    // Created without scheduling: the periodic sweep is the only thing that can settle it.
    const p = await unknownOutcome(freshPhone(), 100, "LOST-1", false);
    const row = await settled(p.id, 12_000);
    expect(row).toMatchObject({ status: "EXPIRED", failureCode: "expired" });
    expect(row.completedAt!.getTime()).toBeGreaterThanOrEqual(p.expiresAt.getTime());
    expect(await timeline(p.id)).toEqual(["initiate", "outcome_unknown", "expire"]);
    expect((await events(p.id)).at(-1)).toMatchObject({ source: "sweep", fromStatus: "INITIATING" });
  });

  it("matches a callback that names no known payment to the one unknown outcome with its phone and amount, and sends it to REVIEW", async () => {
    const phone = freshPhone();
    const p = await unknownOutcome(phone, 777, "WIN-1", true);
    const decoy = await unknownOutcome(freshPhone(), 777, "WIN-2", true);
    const ghost = createId("pay");
    const res = await postCallback(ghost, successBody({ checkoutRequestId: "ws_CO_UNKNOWN1", merchantRequestId: "m-unknown-1" }, 777, "UKT1WINDOW", phone));
    expect(res.status).toBe(200);
    const row = await settled(p.id);
    expect(row).toMatchObject({ status: "REVIEW", reviewReason: WINDOW_MATCH_REASON, mpesaReceipt: "UKT1WINDOW", checkoutRequestId: "ws_CO_UNKNOWN1", mpesaAmount: 777 });
    expect(await webhookTypes(p.id)).toEqual(["payment.review"]);
    expect(await gw.db.callbackLog.findFirst({ where: { checkoutRequestId: "ws_CO_UNKNOWN1" } })).toMatchObject({ outcome: "APPLIED", paymentId: p.id });
    expect((await payment(decoy.id)).status).toBe("INITIATING");

    // A person resolves the review: the storefront hears payment.updated with the final object.
    await resolveReview(gw.db, { paymentId: p.id, outcome: "SUCCEEDED", actorUserId: "usr_admin", reason: "on the statement" });
    const hooks = await gw.db.webhookEvent.findMany({ where: { paymentId: p.id }, orderBy: { createdAt: "asc" } });
    expect(hooks.map((h) => h.type)).toEqual(["payment.review", "payment.updated"]);
    expect((hooks[1]!.payload as { data: { object: Json } }).data.object).toMatchObject({ status: "succeeded", mpesa_receipt: "UKT1WINDOW" });
  });

  it("leaves such a callback unmatched when the amount differs, the shortcode is unknown, or two payments fit", async () => {
    const phone = freshPhone();
    // Deadlines well after the unmatched callbacks are parked.
    const p = await unknownOutcome(phone, 500, "WIN-3", true, 60);
    const twin = freshPhone();
    const a = await unknownOutcome(twin, 600, "WIN-4", true, 60);
    const b = await unknownOutcome(twin, 600, "WIN-5", true, 60);
    const sent = [
      await postCallback(createId("pay"), successBody({ checkoutRequestId: "ws_CO_UNKNOWN2", merchantRequestId: "m-2" }, 499, "UKT1WRONGA", phone)),
      await postCallback(createId("pay"), successBody({ checkoutRequestId: "ws_CO_UNKNOWN3", merchantRequestId: "m-3" }, 500, "UKT1WRONGS", phone), { BusinessShortCode: "999999" }),
      await postCallback(createId("pay"), successBody({ checkoutRequestId: "ws_CO_UNKNOWN4", merchantRequestId: "m-4" }, 600, "UKT1TWINSS", twin)),
    ];
    expect(sent.map((r) => r.status)).toEqual([200, 200, 200]);
    const logs = await eventually(async () => {
      const rows = await gw.db.callbackLog.findMany({ where: { checkoutRequestId: { in: ["ws_CO_UNKNOWN2", "ws_CO_UNKNOWN3", "ws_CO_UNKNOWN4"] } } });
      return rows.length === 3 && rows.every((r) => r.outcome === "UNMATCHED") && rows;
    }, 10_000);
    expect(logs.every((l) => l.paymentId === null)).toBe(true);
    for (const id of [p.id, a.id, b.id]) expect((await payment(id)).status).toBe("INITIATING");
  });

  it("queries a pending payment polled by its storefront once its last query is stale, and answers at once", async () => {
    const id = await create(scenarioPhone("pending-forever"), 100, "POLL-1");
    // As if its backoff had grown long: next query far away, last one 5 s ago.
    const far = new Date(Date.now() + 60_000);
    await gw.db.payment.update({ where: { id }, data: { expiresAt: new Date(Date.now() + 120_000), nextQueryAt: far, lastQueriedAt: new Date(Date.now() - 5000), acceptedAt: new Date(Date.now() - 6000) } });
    const before = (await payment(id)).queryCount;
    const started = Date.now();
    const res = await gw.api(shop.keys.TEST, "GET", `/api/v1/payments/${id}`);
    expect(res).toMatchObject({ status: 200, body: { id, status: "pending" } });
    expect(Date.now() - started).toBeLessThan(1000);
    const queried = await eventually(async () => {
      const row = await payment(id);
      return row.queryCount > before && row;
    }, 5000);
    const query = (await events(id)).filter((e) => e.type === "query").at(-1)!;
    expect(query).toMatchObject({ source: "query", data: expect.objectContaining({ answer: "pending" }) });
    expect(queried.nextQueryAt!.getTime()).toBeLessThan(far.getTime());

    // Right after a query, polling asks for nothing more.
    await gw.db.payment.update({ where: { id }, data: { nextQueryAt: far } });
    const count = (await payment(id)).queryCount;
    for (let i = 0; i < 3; i++) expect((await gw.api(shop.keys.TEST, "GET", `/api/v1/payments/${id}`)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 2500));
    expect(await payment(id)).toMatchObject({ queryCount: count, nextQueryAt: far });
  });

  it("re-checks a payment for an admin: records the question with the reason, applies a final answer, refuses what cannot be asked", async () => {
    // An admin gave up on it at once; M-Pesa completes it 1.2 s after the push and never calls back.
    const id = await create(scenarioPhone("no-callback"), 100, "RECHK-1");
    await expirePayment(gw.db, { paymentId: id, actorUserId: "usr_admin", reason: "customer walked away" });
    const early = await recheckPayment(gw.db, { paymentId: id, actorUserId: "usr_admin", reason: "customer says they paid" });
    expect(early).toMatchObject({ answer: "pending", outcome: "recorded", payment: { status: "EXPIRED" } });
    await new Promise((r) => setTimeout(r, 1500));
    const paid = await recheckPayment(gw.db, { paymentId: id, actorUserId: "usr_admin", reason: "checking again" });
    expect(paid).toMatchObject({ answer: "final", resultCode: "0", outcome: "applied", payment: { status: "SUCCEEDED", late: true, receiptMissing: true } });
    const history = await events(id);
    expect(history.filter((e) => e.type === "query").map((e) => [e.source, e.actorUserId, (e.data as Json).reason, (e.data as Json).answer])).toEqual([
      ["admin", "usr_admin", "customer says they paid", "pending"], ["admin", "usr_admin", "checking again", "final"],
    ]);
    expect(history.at(-1)).toMatchObject({ type: "succeed", source: "query", actorUserId: "usr_admin", fromStatus: "EXPIRED", toStatus: "SUCCEEDED" });
    expect(await webhookTypes(id)).toEqual(["payment.expired", "payment.succeeded"]);
    // Asking again finds nothing new.
    expect(await recheckPayment(gw.db, { paymentId: id, actorUserId: "usr_admin", reason: "once more" })).toMatchObject({ answer: "final", outcome: "recorded" });

    const unknown = await unknownOutcome(freshPhone(), 100, "RECHK-2", false);
    await expect(recheckPayment(gw.db, { paymentId: unknown.id, actorUserId: "usr_admin", reason: "x" })).rejects.toMatchObject({ code: "invalid_state" });
    await expect(recheckPayment(gw.db, { paymentId: id, actorUserId: "usr_admin", reason: "  " })).rejects.toMatchObject({ code: "validation_failed" });
    await expect(recheckPayment(gw.db, { paymentId: "pay_doesnotexist1", actorUserId: "usr_admin", reason: "x" })).rejects.toMatchObject({ code: "not_found" });
  });

  it("treats an unanswered query as 'ask later', never as a failure", async () => {
    const id = await create(scenarioPhone("pending-forever"), 100, "DOWN-1");
    await gw.db.payment.update({ where: { id }, data: { expiresAt: new Date(Date.now() + 60_000), nextQueryAt: new Date(Date.now() + 60_000) } });
    const refused: typeof fetch = async () => {
      throw Object.assign(new TypeError("fetch failed"), { cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }) });
    };
    const down = createDarajaClient(gw.env.daraja.test!, { fetch: refused });
    const result = await recheckPayment(gw.db, { paymentId: id, actorUserId: "usr_admin", reason: "daraja down", target: darajaQueryTarget({ client: down, shortcode: "174379", timeoutMs: 600 }, gw.env) });
    expect(result).toMatchObject({ answer: "error", outcome: "recorded", payment: { status: "PENDING" } });
    expect((await events(id)).at(-1)).toMatchObject({ type: "query", data: expect.objectContaining({ answer: "error" }) });
  });
});
