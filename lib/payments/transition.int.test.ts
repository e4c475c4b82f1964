import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Mode, PaymentStatus, PrismaClient } from "@/lib/generated/prisma/client";
import { createId } from "@/lib/ids";
import { expirePayment } from "@/lib/payments/expire-payment";
import { resolveReview } from "@/lib/payments/resolve-review";
import { transitionPayment } from "@/lib/payments/transition";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";

/** The one status writer and the admin use cases on PostgreSQL: conditional writes, timeline, events. */
describe("transitionPayment", () => {
  let database: TestDatabase;
  let db: PrismaClient;
  const storefrontId = "sf_transitions";
  const newPayment = async (status: PaymentStatus, mode: Mode = "TEST") => {
    const id = createId("pay");
    await db.payment.create({ data: { id, storefrontId, mode, status, amount: 100, phone: "254712345678", reference: "T-1", expiresAt: new Date(Date.now() + 900_000) } });
    return id;
  };
  const timeline = async (paymentId: string) =>
    (await db.paymentEvent.findMany({ where: { paymentId }, orderBy: { id: "asc" } })).map((e) => [e.type, e.source, e.fromStatus, e.toStatus]);
  const errorOf = (promise: Promise<unknown>) => promise.then(() => null, (e: unknown) => e as AppError);

  beforeAll(async () => {
    database = await createTestDatabase();
    db = createPrisma(database.url, 8);
    await db.storefront.create({ data: { id: storefrontId, name: "Transitions" } });
    await db.webhookEndpoint.createMany({
      data: [
        { id: "we_test_on", storefrontId, mode: "TEST", url: "https://shop.example/hook", secretEncrypted: "x" },
        { id: "we_test_off", storefrontId, mode: "TEST", url: "https://shop.example/off", secretEncrypted: "x", enabled: false },
        { id: "we_live_on", storefrontId, mode: "LIVE", url: "https://shop.example/live", secretEncrypted: "x" },
      ],
    });
  });
  afterAll(async () => {
    await db.$disconnect();
    await database.drop();
  });

  it("writes status, patch, timestamps and the timeline entry, and emits the storefront event", async () => {
    const id = await newPayment("PENDING");
    const result = await transitionPayment(db, { paymentId: id, event: "succeed", source: "callback", patch: { mpesaReceipt: "UKT1QWERTY" }, data: { note: 1 } });
    expect(result).toMatchObject({ kind: "applied", from: "PENDING", to: "SUCCEEDED", payment: { status: "SUCCEEDED", mpesaReceipt: "UKT1QWERTY", completedAt: expect.any(Date) } });
    expect(await timeline(id)).toEqual([["succeed", "callback", "PENDING", "SUCCEEDED"]]);
    const events = await db.webhookEvent.findMany({ where: { paymentId: id }, include: { deliveries: true } });
    expect(events).toHaveLength(1);
    expect(events[0]!.payload).toMatchObject({ id: events[0]!.id, type: "payment.succeeded", livemode: false, data: { object: { id, status: "succeeded", mpesa_receipt: "UKT1QWERTY" } } });
    // One delivery per enabled endpoint of the same storefront and mode.
    expect(events[0]!.deliveries.map((d) => [d.endpointId, d.status])).toEqual([["we_test_on", "PENDING"]]);
  });

  it("sets acceptedAt on accept and emits nothing for a non-final state", async () => {
    const id = await newPayment("INITIATING");
    const result = await transitionPayment(db, { paymentId: id, event: "accept", source: "api", patch: { checkoutRequestId: `ws_CO_${id}` } });
    expect(result.payment).toMatchObject({ status: "PENDING", acceptedAt: expect.any(Date), completedAt: null });
    expect(await db.webhookEvent.count({ where: { paymentId: id } })).toBe(0);
  });

  it("changes nothing on a forbidden transition and records a conflict instead", async () => {
    const id = await newPayment("FAILED");
    const result = await transitionPayment(db, { paymentId: id, event: "succeed", source: "callback", patch: { mpesaReceipt: "UKT1NOPE00" } });
    expect(result).toMatchObject({ kind: "conflict", from: "FAILED", to: "SUCCEEDED", payment: { status: "FAILED", mpesaReceipt: null } });
    expect(await timeline(id)).toEqual([["conflict", "callback", "FAILED", null]]);
    expect(await db.webhookEvent.count({ where: { paymentId: id } })).toBe(0);
  });

  it("lets exactly one of many concurrent contradictory transitions win", async () => {
    const id = await newPayment("PENDING");
    const events = ["succeed", "fail", "cancel", "expire"] as const;
    const results = await Promise.all(Array.from({ length: 16 }, (_, i) => transitionPayment(db, { paymentId: id, event: events[i % 4]!, source: "callback" })));
    const applied = results.filter((r) => r.kind === "applied");
    expect(applied).toHaveLength(1);
    const final = await db.payment.findUniqueOrThrow({ where: { id } });
    expect(final.status).toBe(applied[0]!.to);
    const entries = await timeline(id);
    expect(entries.filter(([type]) => type !== "conflict")).toHaveLength(1);
    expect(entries.filter(([type]) => type === "conflict")).toHaveLength(15);
    expect(await db.webhookEvent.count({ where: { paymentId: id } })).toBe(1);
  });

  it("rolls back with the caller's transaction", async () => {
    const id = await newPayment("PENDING");
    await expect(db.$transaction(async (tx) => {
      await transitionPayment(tx, { paymentId: id, event: "fail", source: "callback" });
      throw new Error("caller failed");
    })).rejects.toThrow("caller failed");
    expect((await db.payment.findUniqueOrThrow({ where: { id } })).status).toBe("PENDING");
    expect(await timeline(id)).toEqual([]);
  });

  it("refuses an unknown payment with not_found", async () => {
    expect((await errorOf(transitionPayment(db, { paymentId: "pay_missing", event: "fail", source: "system" })))?.code).toBe("not_found");
  });
});

describe("admin use cases", () => {
  let database: TestDatabase;
  let db: PrismaClient;
  const storefrontId = "sf_admin";
  const newPayment = async (status: PaymentStatus, extra: { mpesaReceipt?: string } = {}) => {
    const id = createId("pay");
    await db.payment.create({ data: { id, storefrontId, mode: "LIVE", status, amount: 100, phone: "254712345678", reference: "A-1", expiresAt: new Date(), ...extra } });
    return id;
  };
  const errorOf = (promise: Promise<unknown>) => promise.then(() => null, (e: unknown) => e as AppError);

  beforeAll(async () => {
    database = await createTestDatabase();
    db = createPrisma(database.url, 4);
    await db.storefront.create({ data: { id: storefrontId, name: "Admin" } });
  });
  afterAll(async () => {
    await db.$disconnect();
    await database.drop();
  });

  it("expirePayment expires an open payment with the actor and reason on the timeline", async () => {
    const id = await newPayment("PENDING");
    const payment = await expirePayment(db, { paymentId: id, actorUserId: "usr_1", reason: "  customer gave up  " });
    expect(payment).toMatchObject({ status: "EXPIRED", failureCode: "expired", completedAt: expect.any(Date) });
    const [event] = await db.paymentEvent.findMany({ where: { paymentId: id } });
    expect(event).toMatchObject({ type: "expire", source: "admin", actorUserId: "usr_1", fromStatus: "PENDING", toStatus: "EXPIRED", data: { reason: "customer gave up" } });
    expect(await db.webhookEvent.findFirst({ where: { paymentId: id } })).toMatchObject({ type: "payment.expired", mode: "LIVE" });
  });

  it("expirePayment refuses a settled payment, a missing reason and an unknown payment, writing nothing", async () => {
    const id = await newPayment("SUCCEEDED");
    expect(await errorOf(expirePayment(db, { paymentId: id, actorUserId: "usr_1", reason: "x" }))).toMatchObject({ code: "invalid_state", status: 409 });
    expect(await errorOf(expirePayment(db, { paymentId: await newPayment("PENDING"), actorUserId: "usr_1", reason: " " }))).toMatchObject({ code: "validation_failed", param: "reason" });
    expect(await errorOf(expirePayment(db, { paymentId: "pay_nope", actorUserId: "usr_1", reason: "x" }))).toMatchObject({ code: "not_found" });
    expect(await db.paymentEvent.count({ where: { paymentId: id } })).toBe(0);
    expect((await db.payment.findUniqueOrThrow({ where: { id } })).status).toBe("SUCCEEDED");
  });

  it("resolveReview settles a payment in REVIEW either way, and only such a payment", async () => {
    const paid = await newPayment("REVIEW", { mpesaReceipt: "UKT1RESOLV" });
    expect(await resolveReview(db, { paymentId: paid, outcome: "SUCCEEDED", actorUserId: "usr_2", reason: "statement shows it" }))
      .toMatchObject({ status: "SUCCEEDED", receiptMissing: false, failureCode: null });
    const unpaid = await newPayment("REVIEW");
    expect(await resolveReview(db, { paymentId: unpaid, outcome: "FAILED", actorUserId: "usr_2", reason: "not on statement" }))
      .toMatchObject({ status: "FAILED", failureCode: "review_failed" });
    const [event] = await db.paymentEvent.findMany({ where: { paymentId: unpaid } });
    expect(event).toMatchObject({ type: "resolve", source: "admin", actorUserId: "usr_2", fromStatus: "REVIEW", toStatus: "FAILED", data: { reason: "not on statement" } });
    expect(await db.webhookEvent.findMany({ where: { paymentId: { in: [paid, unpaid] } }, select: { type: true }, orderBy: { createdAt: "asc" } }))
      .toEqual([{ type: "payment.updated" }, { type: "payment.updated" }]);
    const updates = await db.webhookEvent.findMany({ where: { paymentId: { in: [paid, unpaid] } }, select: { paymentId: true, payload: true } });
    expect(updates.map((u) => [u.paymentId, (u.payload as { data: { object: { status: string } } }).data.object.status]).sort())
      .toEqual([[paid, "succeeded"], [unpaid, "failed"]].sort());
    expect(await errorOf(resolveReview(db, { paymentId: await newPayment("PENDING"), outcome: "FAILED", actorUserId: "usr_2", reason: "x" }))).toMatchObject({ code: "invalid_state" });
    expect(await errorOf(resolveReview(db, { paymentId: paid, outcome: "CANCELLED" as never, actorUserId: "usr_2", reason: "x" }))).toMatchObject({ code: "validation_failed", param: "outcome" });
  });
});
