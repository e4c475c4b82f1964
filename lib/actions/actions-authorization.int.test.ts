import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/access";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { insertPayment, insertStorefront, insertUser } from "@/lib/testing/payment-fixtures";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { formOf, IDLE } from "@/lib/testing/action-form";

// The session is the only thing faked: the actions, their guards, use cases and database are real.
const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => session.user }));
vi.mock("@/lib/auth/request-address", () => ({ getRequestAddress: async () => "127.0.0.1" }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

let database: TestDatabase;
let db: PrismaClient;
let actions: typeof import("@/lib/actions/payments");
let userActions: typeof import("@/lib/actions/users");
let storefrontActions: typeof import("@/lib/actions/storefronts");
let callbackActions: typeof import("@/lib/actions/callbacks");
let refundActions: typeof import("@/lib/actions/refunds");
let admin: SessionUser;
let finance: SessionUser;
let storefrontId: string;


beforeAll(async () => {
  database = await createTestDatabase();
  process.env.DATABASE_URL = database.url;
  const { resetEnvForTests } = await import("@/lib/env");
  resetEnvForTests();
  const { getDb } = await import("@/lib/db/client");
  db = getDb();
  actions = await import("@/lib/actions/payments");
  userActions = await import("@/lib/actions/users");
  storefrontActions = await import("@/lib/actions/storefronts");
  callbackActions = await import("@/lib/actions/callbacks");
  refundActions = await import("@/lib/actions/refunds");
  const a = await insertUser(db, { role: "ADMIN", email: "admin@actions.test" });
  const f = await insertUser(db, { role: "FINANCE", email: "finance@actions.test" });
  admin = { id: a.id, email: a.email, name: a.name, role: "ADMIN" };
  finance = { id: f.id, email: f.email, name: f.name, role: "FINANCE" };
  storefrontId = (await insertStorefront(db)).id;
});

afterAll(async () => {
  const { stopSenderBoss } = await import("@/lib/jobs/boss");
  await stopSenderBoss();
  const { disconnectDb } = await import("@/lib/db/client");
  await disconnectDb();
  await database?.drop();
});

beforeEach(() => {
  session.user = null;
});

describe("admin actions refuse finance users and visitors, and change nothing", () => {
  it.each([
    ["signed out", null, "Your session has ended. Sign in again."],
    ["a finance user", "finance", "Only an admin can do this."],
  ] as const)("expire, as %s", async (_who, who, message) => {
    const payment = await insertPayment(db, storefrontId, { status: "PENDING" });
    session.user = who === "finance" ? finance : null;
    const result = await actions.expirePaymentAction(IDLE, formOf({ paymentId: payment.id, reason: "stuck for an hour" }));
    expect(result).toEqual({ status: "error", message });
    expect((await db.payment.findUniqueOrThrow({ where: { id: payment.id } })).status).toBe("PENDING");
    expect(await db.paymentEvent.count({ where: { paymentId: payment.id } })).toBe(0);
    expect(await db.auditLog.count({ where: { entityId: payment.id } })).toBe(0);
    expect(await db.webhookEvent.count({ where: { paymentId: payment.id } })).toBe(0);
  });

  it("resolve review, create an API key and change a role, as finance", async () => {
    session.user = finance;
    const review = await insertPayment(db, storefrontId, { status: "REVIEW", reviewReason: "amount differs" });
    expect(await actions.resolveReviewAction(IDLE, formOf({ paymentId: review.id, outcome: "SUCCEEDED", reason: "statement shows it" }))).toMatchObject({ status: "error" });
    expect(await storefrontActions.createApiKeyAction(IDLE, formOf({ storefrontId, mode: "LIVE", name: "sneaky" }))).toMatchObject({ status: "error" });
    expect(await userActions.changeUserRoleAction(IDLE, formOf({ userId: finance.id, role: "ADMIN", reason: "promote myself" }))).toMatchObject({ status: "error" });
    expect((await db.payment.findUniqueOrThrow({ where: { id: review.id } })).status).toBe("REVIEW");
    expect(await db.apiKey.count({ where: { storefrontId, name: "sneaky" } })).toBe(0);
    expect((await db.user.findUniqueOrThrow({ where: { id: finance.id } })).role).toBe("FINANCE");
  });
});

describe("refunds, as finance", () => {
  it("can neither request nor approve a refund", async () => {
    session.user = finance;
    const payment = await insertPayment(db, storefrontId, { status: "SUCCEEDED", mpesaReceipt: "FINANCE001" });
    expect(await refundActions.requestRefundAction(IDLE, formOf({ paymentId: payment.id, reason: "customer asked" }))).toEqual({ status: "error", message: "Only an admin can do this." });
    const now = new Date();
    await db.refund.create({ data: {
      id: "re_financecannot0000000", paymentId: payment.id, storefrontId, mode: "TEST", collectionAccountId: "acct_none", amount: payment.amount, currency: "KES",
      method: "reversal", reason: "asked by an admin", requestedVia: "dashboard", requestedById: admin.id, requestedByEmail: admin.email, createdAt: now, updatedAt: now,
    } });
    expect(await refundActions.approveRefundAction(IDLE, formOf({ paymentId: payment.id, refundId: "re_financecannot0000000", reason: "looks fine" }))).toEqual({ status: "error", message: "Only an admin can do this." });
    expect(await db.refund.findUniqueOrThrow({ where: { id: "re_financecannot0000000" } })).toMatchObject({ status: "REQUESTED", decidedByEmail: null });
    expect(await refundActions.settleRefundByHandAction(IDLE, formOf({ paymentId: payment.id, refundId: "re_financecannot0000000", finding: "not_refunded", reason: "portal" })))
      .toEqual({ status: "error", message: "Only an admin can do this." });
    expect(await db.refund.count({ where: { paymentId: payment.id } })).toBe(1);
    expect(await db.auditLog.count({ where: { entityId: payment.id } })).toBe(0);
  });
});

describe("admin actions, as an admin", () => {
  it("expires a stuck payment: EXPIRED, a timeline event, an audit row with the reason, a storefront event", async () => {
    session.user = admin;
    const payment = await insertPayment(db, storefrontId, { status: "PENDING" });
    const result = await actions.expirePaymentAction(IDLE, formOf({ paymentId: payment.id, reason: "customer says no prompt came" }));
    expect(result).toMatchObject({ status: "success" });
    expect((await db.payment.findUniqueOrThrow({ where: { id: payment.id } })).status).toBe("EXPIRED");
    const audit = await db.auditLog.findFirstOrThrow({ where: { entityType: "payment", entityId: payment.id } });
    expect(audit).toMatchObject({ action: "payment.expire", actorUserId: admin.id, actorEmail: admin.email, reason: "customer says no prompt came", ip: "127.0.0.1", before: { status: "PENDING" }, after: { status: "EXPIRED" } });
    expect(await db.paymentEvent.findFirst({ where: { paymentId: payment.id, type: "expire", source: "admin", actorUserId: admin.id } })).not.toBeNull();
    expect(await db.webhookEvent.findFirst({ where: { paymentId: payment.id, type: "payment.expired" } })).not.toBeNull();
  });

  it("resolves a review, and explains a refusal when the payment has moved on", async () => {
    session.user = admin;
    const review = await insertPayment(db, storefrontId, { status: "REVIEW", reviewReason: "amount differs" });
    expect(await actions.resolveReviewAction(IDLE, formOf({ paymentId: review.id, outcome: "FAILED", reason: "not on the statement" }))).toMatchObject({ status: "success" });
    expect((await db.payment.findUniqueOrThrow({ where: { id: review.id } })).status).toBe("FAILED");
    const again = await actions.resolveReviewAction(IDLE, formOf({ paymentId: review.id, outcome: "SUCCEEDED", reason: "second try" }));
    expect(again).toMatchObject({ status: "error" });
    expect(await db.auditLog.count({ where: { entityId: review.id } })).toBe(1);
  });

  it("asks for the receipt when a refund is settled by hand as made, changing nothing without it", async () => {
    session.user = admin;
    const payment = await insertPayment(db, storefrontId, { status: "SUCCEEDED", mpesaReceipt: "BYHAND0001" });
    const now = new Date();
    await db.refund.create({ data: {
      id: "re_byhandnoreceipt000000", paymentId: payment.id, storefrontId, mode: "TEST", collectionAccountId: "acct_none", amount: payment.amount, currency: "KES",
      method: "reversal", status: "PENDING", reason: "asked", requestedVia: "dashboard", requestedById: finance.id, requestedByEmail: finance.email, createdAt: now, updatedAt: now,
    } });
    const result = await refundActions.settleRefundByHandAction(IDLE, formOf({ paymentId: payment.id, refundId: "re_byhandnoreceipt000000", finding: "refunded", reason: "on the portal" }));
    expect(result).toMatchObject({ status: "error", fieldErrors: { receipt: expect.any(String) } });
    expect(await db.refund.findUniqueOrThrow({ where: { id: "re_byhandnoreceipt000000" } })).toMatchObject({ status: "PENDING" });
  });

  it("requires a reason, reported as a field problem", async () => {
    session.user = admin;
    const payment = await insertPayment(db, storefrontId, { status: "PENDING" });
    const result = await actions.expirePaymentAction(IDLE, formOf({ paymentId: payment.id, reason: " " }));
    expect(result).toMatchObject({ status: "error", fieldErrors: { reason: expect.any(String) } });
    expect((await db.payment.findUniqueOrThrow({ where: { id: payment.id } })).status).toBe("PENDING");
  });

  it("creates an API key whose secret is returned once and stored only as a hash", async () => {
    session.user = admin;
    const result = await storefrontActions.createApiKeyAction(IDLE, formOf({ storefrontId, mode: "TEST", name: "checkout" }));
    expect(result.status).toBe("success");
    const secret = result.status === "success" ? result.data!.secret : "";
    expect(secret).toMatch(/^sk_test_/);
    const key = await db.apiKey.findFirstOrThrow({ where: { storefrontId, name: "checkout" } });
    expect(key.hash).not.toContain(secret);
    expect(await db.auditLog.findFirst({ where: { action: "api_key.create", entityId: key.id } })).not.toBeNull();
  });
});

describe("reprocessing a parked callback", () => {
  it("is refused to finance, and done for an admin with an audit row", async () => {
    const log = await db.callbackLog.create({ data: { token: "t", body: "not json", headers: {}, sourceIp: "127.0.0.1", ipAllowed: true, tokenValid: false, outcome: "INVALID", error: "unreadable" } });
    const fields = { callbackId: log.id.toString(), reason: "parser fixed" };
    session.user = finance;
    expect(await callbackActions.reprocessCallbackAction(IDLE, formOf(fields))).toMatchObject({ status: "error", message: "Only an admin can do this." });
    expect((await db.callbackLog.findUniqueOrThrow({ where: { id: log.id } })).outcome).toBe("INVALID");
    session.user = admin;
    expect(await callbackActions.reprocessCallbackAction(IDLE, formOf(fields))).toMatchObject({ status: "success" });
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "callback.reprocess", entityId: log.id.toString() } });
    expect(audit).toMatchObject({ reason: "parser fixed", before: { outcome: "INVALID" }, after: { outcome: "RECEIVED" } });
  });
});
