import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/access";
import { insertPayment, insertUser } from "@/lib/testing/payment-fixtures";
import { scenarioPhone } from "@/lib/rails/daraja/simulator/scenarios";
import { eventually, startGateway, type Gateway, type TestStorefront } from "@/lib/testing/gateway";
import { formOf, IDLE } from "@/lib/testing/action-form";

// The session is the only thing faked: the action, its guard, the re-check, Daraja (the simulator) and the database are real.
const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => session.user }));
vi.mock("@/lib/auth/request-address", () => ({ getRequestAddress: async () => "127.0.0.1" }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));


let gw: Gateway;
let shop: TestStorefront;
let actions: typeof import("@/lib/actions/payments");
let admin: SessionUser;
let finance: SessionUser;

beforeAll(async () => {
  // No reconciler runs here: only the admin's re-check can learn what the simulator knows.
  gw = await startGateway();
  shop = await gw.createStorefront("Recheck shop");
  actions = await import("@/lib/actions/payments");
  const a = await insertUser(gw.db, { role: "ADMIN", email: "admin@recheck.test" });
  const f = await insertUser(gw.db, { role: "FINANCE", email: "finance@recheck.test" });
  admin = { id: a.id, email: a.email, name: a.name, role: "ADMIN" };
  finance = { id: f.id, email: f.email, name: f.name, role: "FINANCE" };
});
afterAll(async () => {
  await gw?.close();
});
beforeEach(() => {
  session.user = null;
});

/** A payment whose customer paid but whose callback never comes: pending here, settled at the simulator. */
async function lostCallbackPayment(amount: number) {
  const created = await gw.api(shop.keys.TEST, "POST", "/api/v1/payments", {
    body: { amount, phone: scenarioPhone("no-callback"), reference: `RC${amount}` }, headers: { "Idempotency-Key": randomUUID() },
  });
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  const { checkoutRequestId } = await gw.db.payment.findUniqueOrThrow({ where: { id } });
  await eventually(() => gw.sim.pushes().find((p) => p.checkoutRequestId === checkoutRequestId && p.status === "completed"));
  expect((await gw.db.payment.findUniqueOrThrow({ where: { id } })).status).toBe("PENDING");
  return { id, queriesAtSimulator: () => gw.sim.pushes().find((p) => p.checkoutRequestId === checkoutRequestId)!.queries.length };
}

describe("re-check now", () => {
  it("as an admin, settles a payment whose callback was lost: SUCCEEDED, receipt missing, on the timeline and audited", async () => {
    const payment = await lostCallbackPayment(31);
    session.user = admin;
    const result = await actions.recheckPaymentAction(IDLE, formOf({ paymentId: payment.id, reason: "customer shows an M-Pesa SMS" }));
    expect(result).toMatchObject({ status: "success", message: expect.stringContaining("now SUCCEEDED") });
    expect(result.status === "success" && result.message).toMatch(/receipt missing/);

    const after = await gw.db.payment.findUniqueOrThrow({ where: { id: payment.id } });
    expect(after).toMatchObject({ status: "SUCCEEDED", receiptMissing: true, mpesaReceipt: null, resultCode: "0" });
    expect(payment.queriesAtSimulator()).toBe(1);
    const audit = await gw.db.auditLog.findMany({ where: { entityType: "payment", entityId: payment.id } });
    expect(audit).toEqual([expect.objectContaining({
      action: "payment.recheck", actorUserId: admin.id, actorEmail: admin.email, reason: "customer shows an M-Pesa SMS", ip: "127.0.0.1",
      before: expect.objectContaining({ status: "PENDING", receiptMissing: false }), after: expect.objectContaining({ status: "SUCCEEDED", receiptMissing: true }),
    })]);
    expect(await gw.db.paymentEvent.findFirst({ where: { paymentId: payment.id, type: "query", source: "admin", actorUserId: admin.id } })).not.toBeNull();
    expect(await gw.db.paymentEvent.findFirst({ where: { paymentId: payment.id, toStatus: "SUCCEEDED", actorUserId: admin.id } })).not.toBeNull();
    expect(await gw.db.webhookEvent.findFirst({ where: { paymentId: payment.id, type: "payment.succeeded" } })).not.toBeNull();
  });

  it.each([
    ["signed out", null, "Your session has ended. Sign in again."],
    ["a finance user", "finance", "Only an admin can do this."],
  ] as const)("as %s, is refused before M-Pesa is asked, and changes nothing", async (_who, who, message) => {
    const payment = await lostCallbackPayment(who ? 32 : 33);
    session.user = who === "finance" ? finance : null;
    expect(await actions.recheckPaymentAction(IDLE, formOf({ paymentId: payment.id, reason: "let me see" }))).toEqual({ status: "error", message });
    expect(payment.queriesAtSimulator()).toBe(0);
    expect(await gw.db.payment.findUniqueOrThrow({ where: { id: payment.id } })).toMatchObject({ status: "PENDING", queryCount: 0 });
    expect(await gw.db.paymentEvent.count({ where: { paymentId: payment.id, type: "query" } })).toBe(0);
    expect(await gw.db.auditLog.count({ where: { entityId: payment.id } })).toBe(0);
  });

  it("needs a reason, and explains why a payment without a CheckoutRequestID cannot be queried", async () => {
    session.user = admin;
    const payment = await lostCallbackPayment(34);
    expect(await actions.recheckPaymentAction(IDLE, formOf({ paymentId: payment.id, reason: " " }))).toMatchObject({ status: "error", fieldErrors: { reason: expect.any(String) } });
    expect(payment.queriesAtSimulator()).toBe(0);

    const unacknowledged = await insertPayment(gw.db, shop.id, { status: "INITIATING", mode: "TEST" });
    const refused = await actions.recheckPaymentAction(IDLE, formOf({ paymentId: unacknowledged.id, reason: "stuck initiating" }));
    expect(refused).toMatchObject({ status: "error", message: expect.stringContaining("no CheckoutRequestID") });
    expect(await gw.db.auditLog.count({ where: { entityId: { in: [payment.id, unacknowledged.id] } } })).toBe(0);
  });
});
