import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkoutPageView } from "@/lib/checkout/checkout-page";
import { publicCheckoutSessionSchema, type PublicCheckoutSession } from "@/lib/checkout/public-checkout-session";
import { verifyReturnUrl } from "@/lib/checkout/sign-return";
import { scenarioPhone } from "@/lib/rails/daraja/simulator/scenarios";
import { eventually, startGateway, type Gateway, type TestStorefront } from "@/lib/testing/gateway";

/**
 * Hosted checkout over HTTP against the simulator: the API creates a session, the customer's form
 * posts start its one payment and send the prompt again, the callback settles it, and the page's
 * return link carries a result the storefront verifies with the session's return secret.
 */
describe("hosted checkout", () => {
  let gw: Gateway;
  let shop: TestStorefront;
  let phoneCounter = 0;
  const freshPhone = () => `0712${String(200000 + ++phoneCounter).slice(-6)}`;
  const createSession = async (body: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
    gw.api(shop.keys.TEST, "POST", "/api/v1/checkout/sessions", { body: { amount: 150, reference: "ORDER-1", return_url: "https://shop.example/done?order=1", cancel_url: "https://shop.example/cart", ...body }, headers });
  const tokenOf = (s: PublicCheckoutSession) => new URL(s.url).pathname.split("/").at(-1)!;
  const post = (path: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
    fetch(`${gw.app.url}${path}`, { method: "POST", redirect: "manual", headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers }, body: new URLSearchParams(fields) });
  const status = async (token: string) => (await (await fetch(`${gw.app.url}/pay/${token}/status`)).json()) as { stage: string; final: boolean; can_resend: boolean };

  beforeAll(async () => {
    gw = await startGateway();
    shop = await gw.createStorefront("Duka la Mama");
  });
  afterAll(async () => {
    await gw?.close();
  });

  it("runs a session from creation to a signed return: one payment, one prompt, however often the customer presses pay", async () => {
    const created = await createSession();
    expect(created.status).toBe(201);
    const session = publicCheckoutSessionSchema.parse(created.body);
    expect(session).toMatchObject({ object: "checkout.session", status: "open", payment_status: "unpaid", stage: "open", amount: 150, payment: null, livemode: false });
    const token = tokenOf(session);
    expect(token).toMatch(/^[0-9A-Za-z]{32}$/);

    const phone = freshPhone();
    const [first, second] = await Promise.all([post(`/pay/${token}/pay`, { phone, lang: "sw" }), post(`/pay/${token}/pay`, { phone, lang: "sw" })]);
    for (const res of [first, second]) {
      expect(res.status).toBe(303);
      expect(res.headers.get("location")).toBe(`/pay/${token}?lang=sw`);
    }
    const paid = await eventually(async () => ((await status(token)).stage === "paid" ? true : null), 15_000);
    expect(paid).toBe(true);
    expect(gw.sim.pushes().filter((p) => p.request.phoneNumber === `254${phone.slice(1)}`)).toHaveLength(1);
    const payments = await gw.db.payment.findMany({ where: { storefrontId: shop.id } });
    expect(payments).toHaveLength(1);

    const read = publicCheckoutSessionSchema.parse((await gw.api(shop.keys.TEST, "GET", `/api/v1/checkout/sessions/${session.id}`)).body);
    expect(read).toMatchObject({ status: "complete", payment_status: "paid", payment: payments[0]!.id, return_secret: session.return_secret });

    const now = new Date();
    const view = await checkoutPageView(gw.db, token, { env: gw.env, now });
    expect(view.returnHref).toMatch(/^https:\/\/shop\.example\/done\?order=1&malipo_session=/);
    expect(view.returnHref).not.toContain(payments[0]!.phone);
    const verified = verifyReturnUrl(view.returnHref!, session.return_secret, { now });
    expect(verified).toMatchObject({ ok: true, result: { sessionId: session.id, paymentId: payments[0]!.id, status: "succeeded", amount: 150, reference: "ORDER-1" } });
    // Tampered (a failure made a success), another session's secret, or replayed an hour later: refused.
    expect(verifyReturnUrl(view.returnHref!.replace("malipo_amount=150", "malipo_amount=15"), session.return_secret, { now }).ok).toBe(false);
    expect(verifyReturnUrl(view.returnHref!, `crs_${"x".repeat(40)}`, { now }).ok).toBe(false);
    expect(verifyReturnUrl(view.returnHref!, session.return_secret, { now: new Date(now.getTime() + 3600_000) }).ok).toBe(false);

    // Paying again on a paid session does nothing.
    expect((await post(`/pay/${token}/pay`, { phone })).status).toBe(303);
    expect(await gw.db.payment.count({ where: { storefrontId: shop.id } })).toBe(1);
  });

  it("sends the prompt again after a timeout, as the customer, audited; never before a payment", async () => {
    const session = publicCheckoutSessionSchema.parse((await createSession({ reference: "ORDER-2" })).body);
    const token = tokenOf(session);
    expect((await post(`/pay/${token}/resend`, {})).headers.get("location")).toBe(`/pay/${token}?error=state`);
    expect((await post(`/pay/${token}/pay`, { phone: scenarioPhone("no-response") })).status).toBe(303);
    const unpaid = await eventually(async () => { const s = await status(token); return s.stage === "unpaid" ? s : null; }, 15_000);
    expect(unpaid).toEqual({ stage: "unpaid", final: true, can_resend: true });
    expect((await checkoutPageView(gw.db, token, { env: gw.env, now: new Date() })).unpaidReason).toBe("timeout");

    expect((await post(`/pay/${token}/resend`, {})).headers.get("location")).toBe(`/pay/${token}`);
    const payment = await gw.db.payment.findFirstOrThrow({ where: { reference: "ORDER-2" }, include: { attempts: true } });
    expect(payment.attempts).toHaveLength(2);
    const audit = await gw.db.auditLog.findFirstOrThrow({ where: { entityId: payment.id, action: "payment.retry" } });
    expect(audit).toMatchObject({ actorUserId: null, actorEmail: `customer (checkout ${session.id})` });
    expect(await gw.db.paymentEvent.count({ where: { paymentId: payment.id, type: "retry", source: "checkout" } })).toBe(1);
    await eventually(async () => ((await status(token)).stage === "unpaid" ? true : null), 15_000);
    expect(await gw.db.payment.count({ where: { reference: "ORDER-2" } })).toBe(1);
  });

  it("replays a session creation with the same Idempotency-Key, refuses another body with it, and never stores the secret", async () => {
    const headers = { "Idempotency-Key": "cs-key-1" };
    const a = await createSession({ reference: "IDEM-1" }, headers);
    const b = await createSession({ reference: "IDEM-1" }, headers);
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.headers.get("idempotent-replayed")).toBe("true");
    expect(b.body).toEqual(a.body);
    expect((await createSession({ reference: "IDEM-2" }, headers)).status).toBe(409);
    const stored = await gw.db.idempotencyKey.findFirstOrThrow({ where: { key: "cs-key-1" } });
    expect(JSON.stringify(stored.responseBody)).not.toContain(String(a.body.return_secret));
    expect(await gw.db.checkoutSession.count({ where: { reference: "IDEM-1" } })).toBe(1);
  });

  it("answers bad input with a clear 4xx and changes nothing", async () => {
    const before = await gw.db.checkoutSession.count();
    for (const [body, param] of [
      [{ return_url: "javascript:alert(1)" }, "return_url"],
      [{ cancel_url: "data:text/html,hi" }, "cancel_url"],
      [{ return_url: "https://user:pw@shop.example/" }, "return_url"],
      [{ amount: 0 }, "amount"],
      [{ reference: "x".repeat(13) }, "reference"],
      [{ phone: "12345" }, "phone"],
      [{ expires_at: Math.floor(Date.now() / 1000) + 10 }, "expires_at"],
      [{ surprise: true }, "surprise"],
    ] as const) {
      const res = await createSession(body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.body).toMatchObject({ error: { code: "validation_failed", param } });
    }
    const live = await gw.api(shop.keys.LIVE, "POST", "/api/v1/checkout/sessions", { body: { amount: 10, reference: "L1", return_url: "http://shop.example/done" } });
    expect(live).toMatchObject({ status: 422, body: { error: { param: "return_url", message: expect.stringMatching(/https/) } } });
    expect(await gw.db.checkoutSession.count()).toBe(before);

    expect((await fetch(`${gw.app.url}/pay/${"A".repeat(32)}/status`)).status).toBe(404);
    expect((await post(`/pay/${"A".repeat(32)}/pay`, { phone: freshPhone() })).status).toBe(404);
    expect((await post("/pay/not-a-token/pay", { phone: freshPhone() })).status).toBe(404);
    expect((await gw.api(shop.keys.TEST, "GET", "/api/v1/checkout/sessions/cs_nope")).status).toBe(404);

    const session = publicCheckoutSessionSchema.parse((await createSession({ reference: "BAD-1" })).body);
    const token = tokenOf(session);
    expect((await post(`/pay/${token}/pay`, { phone: "0800" })).headers.get("location")).toBe(`/pay/${token}?error=phone`);
    expect((await post(`/pay/${token}/pay`, { phone: freshPhone() }, { Origin: "https://evil.example" })).status).toBe(403);
    const json = await fetch(`${gw.app.url}/pay/${token}/pay`, { method: "POST", redirect: "manual", headers: { "Content-Type": "application/json" }, body: "{}" });
    expect(json.status).toBe(415);
    // Another storefront's key cannot read it.
    const other = await gw.createStorefront("Other");
    expect((await gw.api(other.keys.TEST, "GET", `/api/v1/checkout/sessions/${session.id}`)).status).toBe(404);

    // Expired: the page says so and nothing is charged.
    await gw.db.checkoutSession.update({ where: { id: session.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await status(token)).toMatchObject({ stage: "expired", final: true });
    expect((await post(`/pay/${token}/pay`, { phone: freshPhone() })).headers.get("location")).toBe(`/pay/${token}?error=state`);
    expect(await gw.db.payment.count({ where: { reference: "BAD-1" } })).toBe(0);
  });

  it("opens a new session, and so a new payment, for each use of a payment link; an inactive or unknown link takes nothing", async () => {
    const link = await gw.db.paymentLink.create({ data: { id: "plink_test1", storefrontId: shop.id, mode: "TEST", token: "L".repeat(24), title: "Donation", minAmount: 10, maxAmount: 500, referencePrefix: "DON" } });
    const tokens: string[] = [];
    for (const amount of ["20", "30"]) {
      const res = await post(`/pay/link/${link.token}/open`, { amount });
      expect(res.status).toBe(303);
      const token = res.headers.get("location")!.split("/").at(-1)!;
      tokens.push(token);
      expect((await post(`/pay/${token}/pay`, { phone: freshPhone() })).status).toBe(303);
    }
    expect(new Set(tokens).size).toBe(2);
    const sessions = await gw.db.checkoutSession.findMany({ where: { paymentLinkId: link.id } });
    expect(sessions.map((s) => s.amount).sort()).toEqual([20, 30]);
    expect(sessions.every((s) => /^DON[0-9A-Z]{9}$/.test(s.reference))).toBe(true);
    await eventually(async () => (await gw.db.payment.count({ where: { reference: { in: sessions.map((s) => s.reference) }, status: "SUCCEEDED" } })) === 2 || null, 15_000);

    expect((await post(`/pay/link/${link.token}/open`, { amount: "5000" })).headers.get("location")).toBe(`/pay/link/${link.token}?error=amount`);
    await gw.db.paymentLink.update({ where: { id: link.id }, data: { active: false } });
    expect((await post(`/pay/link/${link.token}/open`, { amount: "20" })).headers.get("location")).toBe(`/pay/link/${link.token}?error=state`);
    expect((await post(`/pay/link/${"Z".repeat(24)}/open`, { amount: "20" })).status).toBe(404);
    expect(await gw.db.checkoutSession.count({ where: { paymentLinkId: link.id } })).toBe(2);
  });
});
