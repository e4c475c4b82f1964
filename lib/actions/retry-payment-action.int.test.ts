import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/access";
import { scenarioPhone } from "@/lib/rails/daraja/simulator/scenarios";
import { callbackUrlFor } from "@/lib/rails/callback-token";
import { insertUser } from "@/lib/testing/payment-fixtures";
import { eventually, startGateway, type Gateway, type TestStorefront } from "@/lib/testing/gateway";
import { formOf, IDLE } from "@/lib/testing/action-form";

// The session is the only thing faked: the action, its guard, the push, Daraja (the simulator), the
// callbacks over HTTP, the worker that applies them and the database are real.
const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => session.user }));
vi.mock("@/lib/auth/request-address", () => ({ getRequestAddress: async () => "127.0.0.1" }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const MANUAL = scenarioPhone("manual");

let gw: Gateway;
let shop: TestStorefront;
let actions: typeof import("@/lib/actions/payments");
let admin: SessionUser;

beforeAll(async () => {
  // An unanswered prompt on the phone times out (1037) after 6 s: long enough to answer it first on a busy machine.
  gw = await startGateway({ simulator: { manualTimeoutMs: 6000 } });
  shop = await gw.createStorefront("Retry shop");
  actions = await import("@/lib/actions/payments");
  const a = await insertUser(gw.db, { role: "ADMIN", email: "admin@retry.test" });
  admin = { id: a.id, email: a.email, name: a.name, role: "ADMIN" };
});
afterAll(async () => {
  await gw?.close();
});
beforeEach(() => {
  session.user = admin;
});

const payment = (id: string) => gw.db.payment.findUniqueOrThrow({ where: { id } });
const attempts = (paymentId: string) => gw.db.paymentAttempt.findMany({ where: { paymentId }, orderBy: { sequence: "asc" } });
const retry = (paymentId: string, reason = "customer asked for the prompt again") => actions.retryPaymentAction(IDLE, formOf({ paymentId, reason }));

async function create(amount: number, phone = MANUAL): Promise<string> {
  const created = await gw.api(shop.keys.TEST, "POST", "/api/v1/payments", { body: { amount, phone, reference: `RT${amount}` }, headers: { "Idempotency-Key": randomUUID() } });
  expect(created.status).toBe(201);
  return created.body.id as string;
}

/** The customer answers the latest attempt's prompt on the simulator's phone page. */
async function answer(paymentId: string, action: "accept" | "cancel"): Promise<string> {
  const attempt = await eventually(async () => (await attempts(paymentId)).at(-1)?.checkoutRequestId);
  const res = await fetch(`${gw.sim.url}/phone/${MANUAL}/${attempt}/${action}`, {
    method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(action === "accept" ? { pin: "1234" } : {}).toString(), redirect: "manual",
  });
  expect(res.status).toBe(303);
  return attempt;
}

const settledAs = (paymentId: string, status: string, timeoutMs?: number) =>
  eventually(async () => ((await payment(paymentId)).status === status ? payment(paymentId) : null), timeoutMs);

describe("send the prompt again", () => {
  it("after a cancellation: a new attempt, whose success settles the payment once, audited, with the storefront told of both outcomes", async () => {
    const id = await create(41);
    const first = await answer(id, "cancel");
    await settledAs(id, "CANCELLED");

    const sent = await retry(id);
    expect(sent).toMatchObject({ status: "success", message: expect.stringContaining("Attempt 2 sent") });
    expect((await payment(id)).status).toBe("PENDING");
    const second = await answer(id, "accept");
    expect(second).not.toBe(first);
    const paid = await settledAs(id, "SUCCEEDED");
    expect(paid).toMatchObject({ checkoutRequestId: second, failureCode: null, resultCode: "0", mpesaReceipt: expect.any(String) });

    expect((await attempts(id)).map((a) => [a.sequence, a.status, a.checkoutRequestId, a.requestedBy])).toEqual([
      [1, "CANCELLED", first, null], [2, "SUCCEEDED", second, admin.id],
    ]);
    const transitions = await gw.db.paymentEvent.findMany({ where: { paymentId: id, toStatus: { not: null } }, orderBy: { id: "asc" } });
    expect(transitions.map((e) => e.type)).toEqual(["initiate", "accept", "cancel", "retry", "accept", "succeed"]);
    expect(transitions.filter((e) => e.toStatus === "SUCCEEDED")).toHaveLength(1);
    const events = await gw.db.webhookEvent.findMany({ where: { paymentId: id }, orderBy: { createdAt: "asc" } });
    expect(events.map((e) => e.type)).toEqual(["payment.cancelled", "payment.succeeded"]);
    expect(await gw.db.auditLog.findMany({ where: { entityType: "payment", entityId: id } })).toEqual([expect.objectContaining({
      action: "payment.retry", actorUserId: admin.id, reason: "customer asked for the prompt again",
      before: expect.objectContaining({ status: "CANCELLED" }), after: expect.objectContaining({ status: "INITIATING", failureCode: null }),
    })]);
  });

  it("is refused while the prompt is still on the phone, and changes nothing", async () => {
    const id = await create(42);
    await eventually(async () => (await payment(id)).status === "PENDING");
    expect(await retry(id)).toEqual({ status: "error", message: expect.stringMatching(/cannot be sent again: the payment is PENDING/) });
    expect(await attempts(id)).toHaveLength(1);
    expect(await gw.db.auditLog.count({ where: { entityId: id } })).toBe(0);
    await answer(id, "cancel");
    await settledAs(id, "CANCELLED");
  });

  it("is refused for an expired payment whose outcome M-Pesa never confirmed", async () => {
    const id = await create(43, scenarioPhone("pending-forever"));
    await eventually(async () => (await payment(id)).status === "PENDING");
    expect(await actions.expirePaymentAction(IDLE, formOf({ paymentId: id, reason: "customer gave up" }))).toMatchObject({ status: "success" });
    expect((await attempts(id)).map((a) => a.status)).toEqual(["EXPIRED"]);
    expect(await retry(id)).toEqual({ status: "error", message: expect.stringMatching(/attempt 1 expired before M-Pesa confirmed it was not paid/) });
    expect(await attempts(id)).toHaveLength(1);
    expect((await payment(id)).status).toBe("EXPIRED");
  });

  it("makes one attempt when sent twice at once", async () => {
    const id = await create(44);
    await answer(id, "cancel");
    await settledAs(id, "CANCELLED");
    const results = await Promise.all([retry(id, "first click"), retry(id, "second click")]);
    expect(results.map((r) => r.status).sort()).toEqual(["error", "success"]);
    expect(results.find((r) => r.status === "error")).toMatchObject({ message: expect.stringMatching(/cannot be sent again: the payment is (INITIATING|PENDING)/) });
    expect(await attempts(id)).toHaveLength(2);
    expect(await gw.db.auditLog.count({ where: { entityId: id, action: "payment.retry" } })).toBe(1);
    expect(gw.sim.pushes().filter((p) => p.request.amount === 44)).toHaveLength(2);
    await answer(id, "cancel");
    await settledAs(id, "CANCELLED");
  });

  it("sends the payment to review when an earlier attempt turns out paid after the new one was", async () => {
    const id = await create(45);
    // The customer never answers attempt 1: M-Pesa reports 1037 (no response).
    await settledAs(id, "FAILED", 20_000);
    const [first] = await attempts(id);
    expect(first).toMatchObject({ status: "FAILED", resultCode: "1037" });
    expect(await retry(id)).toMatchObject({ status: "success" });
    await answer(id, "accept");
    await settledAs(id, "SUCCEEDED");

    // Then M-Pesa reports attempt 1 paid after all: the customer has paid twice.
    const late = { Body: { stkCallback: {
      MerchantRequestID: first!.merchantRequestId, CheckoutRequestID: first!.checkoutRequestId, ResultCode: 0, ResultDesc: "The service request is processed successfully.",
      CallbackMetadata: { Item: [{ Name: "Amount", Value: 45 }, { Name: "MpesaReceiptNumber", Value: "UKTLATE0001" }, { Name: "Balance" }, { Name: "TransactionDate", Value: 20261201120000 }, { Name: "PhoneNumber", Value: Number(MANUAL) }] },
    } } };
    const posted = await fetch(callbackUrlFor(gw.app.url, id, gw.env.secrets.callback, "TEST"), { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(late) });
    expect(posted.status).toBe(200);
    const reviewed = await settledAs(id, "REVIEW");
    expect(reviewed.reviewReason).toMatch(/attempt 1 paid after attempt 2 was paid/);
    expect((await attempts(id)).map((a) => a.status)).toEqual(["SUCCEEDED", "SUCCEEDED"]);
    expect((await gw.db.webhookEvent.findMany({ where: { paymentId: id }, orderBy: { createdAt: "asc" } })).map((e) => e.type))
      .toEqual(["payment.failed", "payment.succeeded", "payment.review"]);
    // Reviewed (two successes): never sent again.
    expect(await retry(id)).toMatchObject({ status: "error", message: expect.stringMatching(/the payment is REVIEW/) });
  });

  it("counts a late success of the first attempt while the second is still on the phone", async () => {
    const id = await create(46);
    const first = await answer(id, "cancel");
    await settledAs(id, "CANCELLED");
    const [cancelled] = await attempts(id);
    expect(await retry(id)).toMatchObject({ status: "success" });
    await eventually(async () => (await payment(id)).status === "PENDING");
    // An earlier attempt's failure changes nothing: the payment waits on attempt 2.
    const again = { Body: { stkCallback: { MerchantRequestID: cancelled!.merchantRequestId, CheckoutRequestID: first, ResultCode: 1032, ResultDesc: "Request cancelled by user" } } };
    const url = callbackUrlFor(gw.app.url, id, gw.env.secrets.callback, "TEST");
    expect((await fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(again) })).status).toBe(200);
    await eventually(async () => (await gw.db.callbackLog.count({ where: { paymentId: id, outcome: "STALE" } })) === 1);
    expect((await payment(id)).status).toBe("PENDING");

    const paid = { Body: { stkCallback: {
      MerchantRequestID: cancelled!.merchantRequestId, CheckoutRequestID: first, ResultCode: 0, ResultDesc: "The service request is processed successfully.",
      CallbackMetadata: { Item: [{ Name: "Amount", Value: 46 }, { Name: "MpesaReceiptNumber", Value: "UKTLATE0002" }, { Name: "Balance" }, { Name: "TransactionDate", Value: 20261201120000 }, { Name: "PhoneNumber", Value: Number(MANUAL) }] },
    } } };
    expect((await fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(paid) })).status).toBe(200);
    expect(await settledAs(id, "SUCCEEDED")).toMatchObject({ mpesaReceipt: "UKTLATE0002" });
    expect((await attempts(id)).map((a) => a.status)).toEqual(["SUCCEEDED", "PENDING"]);
    await answer(id, "cancel");
  });
});
