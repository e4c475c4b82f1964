import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findAttentionItems } from "@/lib/alerts/find-attention-items";
import { darajaStkRail } from "@/lib/rails/daraja/stk-rail";
import { SANDBOX_PASSKEY, SANDBOX_SHORTCODE } from "@/lib/env";
import { createDarajaClient } from "@/lib/rails/daraja/client";
import { scenarioPhone } from "@/lib/rails/daraja/simulator/scenarios";
import { startPayment } from "@/lib/charges/start-payment";
import { expirePayment } from "@/lib/payments/expire-payment";
import { recheckPayment } from "@/lib/reconcile/recheck-payment";
import { reconcilePayment } from "@/lib/reconcile/reconcile-payment";
import { darajaQueryTarget, reconcileSettings, type DarajaQueryAccount } from "@/lib/reconcile/reconcile-settings";
import { startGateway, type Gateway, type TestStorefront } from "@/lib/testing/gateway";

/**
 * Status query answers that are not what they look like, from the simulator over HTTP: Daraja
 * refusing Malipo's own configuration ("Wrong credentials", "Merchant does not exist", both HTTP 500
 * 500.001.1001 like "still processing") is a configuration error — logged, on /api/health and
 * Needs attention, and said on the timeline when the payment expires; a result code nobody knows
 * means "ask again later" until the deadline, never "failed".
 */

type Json = Record<string, unknown>;

describe("status query answers", () => {
  let gw: Gateway;
  let shop: TestStorefront;
  const payment = (id: string) => gw.db.payment.findUniqueOrThrow({ where: { id } });
  const queries = async (paymentId: string) => (await gw.db.paymentEvent.findMany({ where: { paymentId, type: "query" }, orderBy: { id: "asc" } })).map((e) => e.data as Json);
  const target = (config: Partial<NonNullable<Gateway["env"]["daraja"]["test"]>>, fetchImpl?: typeof fetch): DarajaQueryAccount => ({
    client: createDarajaClient({ ...gw.env.daraja.test!, ...config }, fetchImpl ? { fetch: fetchImpl } : {}), shortcode: config.shortcode ?? SANDBOX_SHORTCODE, timeoutMs: 2000,
  });
  const pendingPayment = async () => {
    const res = await gw.api(shop.keys.TEST, "POST", "/api/v1/payments", { body: { amount: 100, phone: scenarioPhone("pending-forever"), reference: "ANSWERS" } });
    expect(res.status).toBe(201);
    return String(res.body.id);
  };
  /** One reconciler run for a payment whose query is due now (before, or at, its deadline). */
  const reconcileNow = async (paymentId: string, daraja: DarajaQueryAccount, { atDeadline = false } = {}) => {
    const now = new Date();
    await gw.db.payment.update({ where: { id: paymentId }, data: { nextQueryAt: now, ...(atDeadline ? { expiresAt: new Date(now.getTime() - 1) } : {}) } });
    return reconcilePayment(gw.db, { paymentId, settings: reconcileSettings(gw.env), queryTargetFor: () => darajaQueryTarget(daraja, gw.env), maxQueries: 1 });
  };

  beforeAll(async () => {
    gw = await startGateway({ env: { PAYMENT_EXPIRY_SECONDS: "3600", RECONCILE_AFTER_SECONDS: "3600" } });
    shop = await gw.createStorefront("Answers");
  });
  afterAll(async () => {
    await gw?.close();
  });

  it.each([
    ["Wrong credentials", { passkey: `${SANDBOX_PASSKEY.slice(0, -1)}0` }],
    ["Merchant does not exist", { shortcode: "600999" }],
  ])("reports %s as a configuration error: timeline, /api/health, Needs attention, and the expiry says so", async (message, config) => {
    const id = await pendingPayment();
    const wrong = target(config);
    await reconcileNow(id, wrong);
    expect(await payment(id)).toMatchObject({ status: "PENDING", queryCount: 1 });
    expect((await queries(id)).at(-1)).toMatchObject({ answer: "error", errorKind: "configuration", errorCode: "500.001.1001" });

    const health = await gw.api(shop.keys.TEST, "GET", "/api/health");
    const alert = { kind: "daraja_configuration", mode: "TEST", message: expect.stringContaining(message) };
    expect(health.body.alerts).toEqual([expect.objectContaining(alert)]);
    expect((await findAttentionItems(gw.db, { mode: "test", stuckAfterSeconds: 3600 })).alerts).toEqual([expect.objectContaining(alert)]);
    expect((await findAttentionItems(gw.db, { mode: "live", stuckAfterSeconds: 3600 })).alerts).toEqual([]);

    // At the deadline the payment expires, and its timeline says why nobody could tell.
    await reconcileNow(id, wrong, { atDeadline: true });
    expect(await payment(id)).toMatchObject({ status: "EXPIRED" });
    const expiry = await gw.db.paymentEvent.findFirstOrThrow({ where: { paymentId: id, type: "expire" } });
    expect((expiry.data as Json).reason).toMatch(new RegExp(`Daraja refused Malipo's configuration \\(.*\\).*fix the DARAJA_\\* settings`));

    // The next answer Daraja gives with the right configuration resolves the alert.
    await reconcileNow(await pendingPayment(), target({}));
    expect((await gw.api(shop.keys.TEST, "GET", "/api/health")).body.alerts).toEqual([]);
  });

  it("raises the same alert when a push is refused for Malipo's configuration, and an accepted push resolves it", async () => {
    const push = (daraja: DarajaQueryAccount) => startPayment(gw.db, {
      storefrontId: shop.id, mode: "TEST", input: { amount: 100, phone: scenarioPhone("pending-forever"), reference: "PUSHCFG" },
      rail: darajaStkRail(daraja.client, { publicUrl: gw.env.publicUrl, callbackSecret: gw.env.secrets.callback }), expirySeconds: 3600,
    });
    expect(await push(target({ shortcode: "600999" }))).toMatchObject({ kind: "rejected", payment: { status: "FAILED", failureCode: "mpesa_rejected" } });
    expect((await gw.api(shop.keys.TEST, "GET", "/api/health")).body.alerts).toEqual([expect.objectContaining({ kind: "daraja_configuration", message: expect.stringMatching(/on a push: .*Merchant does not exist/) })]);
    expect((await push(target({}))).kind).toBe("accepted");
    expect((await gw.api(shop.keys.TEST, "GET", "/api/health")).body.alerts).toEqual([]);
  });

  it("asks again later when the query answers a result code nobody knows, and expires (not fails) at the deadline", async () => {
    const id = await pendingPayment();
    // The simulator's real answer, with a code from the future (as 4999 once was).
    const newCode: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      if (!String(input).includes("/stkpushquery/")) return res;
      const body = (await res.json()) as Json;
      return Response.json({ ...body, ResultCode: "4998", ResultDesc: "The transaction is being reviewed" }, { status: res.status });
    };
    await reconcileNow(id, target({}, newCode));
    expect(await payment(id)).toMatchObject({ status: "PENDING", resultCode: null, failureCode: null });
    expect((await queries(id)).at(-1)).toMatchObject({ answer: "pending", resultCode: "4998", detail: expect.stringMatching(/does not recognise/) });
    await reconcileNow(id, target({}, newCode), { atDeadline: true });
    expect(await payment(id)).toMatchObject({ status: "EXPIRED", failureCode: "expired" });
    expect(await gw.db.webhookEvent.findMany({ where: { paymentId: id }, select: { type: true } })).toEqual([{ type: "payment.expired" }]);
  });

  describe("after the deadline (post-expiry reconciliation)", () => {
    /** The simulator's answers with another ResultCode (the push itself is pending forever). */
    const answering = (code: string): typeof fetch => async (input, init) => {
      const res = await fetch(input, init);
      if (!String(input).includes("/stkpushquery/")) return res;
      return Response.json({ ...((await res.json()) as Json), ResultCode: code, ResultDesc: `result ${code}` }, { status: res.status });
    };
    const expiredPayment = async () => {
      const id = await pendingPayment();
      await reconcileNow(id, target({}), { atDeadline: true });
      const row = await payment(id);
      expect(row).toMatchObject({ status: "EXPIRED", nextQueryAt: expect.any(Date) });
      return id;
    };

    it("keeps asking after expiry; a final failure is recorded, leaves it expired and ends the queries", async () => {
      const id = await expiredPayment();
      await reconcileNow(id, target({}));
      expect(await payment(id)).toMatchObject({ status: "EXPIRED", nextQueryAt: expect.any(Date) });
      await reconcileNow(id, target({}, answering("1032")));
      expect(await payment(id)).toMatchObject({ status: "EXPIRED", failureCode: "expired", resultCode: "1032", resultDesc: "result 1032", nextQueryAt: null });
      expect((await queries(id)).slice(-2)).toEqual([
        expect.objectContaining({ answer: "pending", afterExpiry: true }),
        expect.objectContaining({ answer: "final", resultCode: "1032", verdict: "stale", afterExpiry: true }),
      ]);
      expect(await gw.db.webhookEvent.findMany({ where: { paymentId: id }, select: { type: true } })).toEqual([{ type: "payment.expired" }]);
      // Nothing due any more: the reconciler leaves it alone.
      expect(await reconcilePayment(gw.db, { paymentId: id, settings: reconcileSettings(gw.env), queryTargetFor: () => darajaQueryTarget(target({}), gw.env) })).toEqual({ outcome: "settled", queried: 0 });
    });

    it("stops at the end of EXPIRED_RECONCILE_HOURS, saying so on the timeline", async () => {
      const id = await expiredPayment();
      // As if the deadline had been 73 hours ago.
      await gw.db.payment.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 73 * 3600_000) } });
      await reconcileNow(id, target({}));
      expect(await payment(id)).toMatchObject({ status: "EXPIRED", nextQueryAt: null });
      expect((await queries(id)).at(-1)).toMatchObject({ answer: "pending", afterExpiry: true, postExpiryWindowEnded: true });
    });

    it("lets an admin re-check an expired payment without moving its post-expiry schedule, and settles it late on success", async () => {
      const id = await expiredPayment();
      const { nextQueryAt } = await payment(id);
      const daraja = (fetchImpl?: typeof fetch) => ({ ...target({}, fetchImpl), shortcode: SANDBOX_SHORTCODE });
      const still = await recheckPayment(gw.db, { paymentId: id, actorUserId: "usr_admin", reason: "customer says they paid", target: darajaQueryTarget(daraja(), gw.env) });
      expect(still).toMatchObject({ answer: "pending", outcome: "recorded", payment: { status: "EXPIRED", nextQueryAt } });
      const paid = await recheckPayment(gw.db, { paymentId: id, actorUserId: "usr_admin", reason: "asking again", target: darajaQueryTarget(daraja(answering("0")), gw.env) });
      expect(paid).toMatchObject({ answer: "final", outcome: "applied", payment: { status: "SUCCEEDED", late: true, receiptMissing: true, nextQueryAt: null } });
      expect(await gw.db.webhookEvent.findMany({ where: { paymentId: id }, orderBy: { createdAt: "asc" }, select: { type: true } })).toEqual([{ type: "payment.expired" }, { type: "payment.succeeded" }]);
    });

    it("asks a payment an admin expired by hand too", async () => {
      const id = await pendingPayment();
      const expired = await expirePayment(gw.db, { paymentId: id, actorUserId: "usr_admin", reason: "customer walked away", schedule: reconcileSettings(gw.env) });
      expect(expired).toMatchObject({ status: "EXPIRED", nextQueryAt: expect.any(Date) });
      await reconcileNow(id, target({}, answering("0")));
      expect(await payment(id)).toMatchObject({ status: "SUCCEEDED", late: true });
    });
  });
});
