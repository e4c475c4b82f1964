import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createId } from "@/lib/ids";
import { lockPaymentOfCheckout, lockPaymentRow } from "@/lib/payments/lock-payment-row";
import { readSettleFacts } from "@/lib/payments/read-settle-facts";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";

const AT = new Date("2026-11-20T09:30:00.123Z");
const later = (seconds: number) => new Date(AT.getTime() + seconds * 1000);

/** The settle path's lock-and-read statements, against PostgreSQL: the whole row, the lock, the facts. */
describe("lockPaymentRow, lockPaymentOfCheckout and readSettleFacts", () => {
  let database: TestDatabase;
  let db: PrismaClient;
  let other: PrismaClient;
  const storefrontId = "sf_lockrow";

  const newPayment = async (extra: Record<string, unknown> = {}) => {
    const id = createId("pay");
    await db.payment.create({ data: { id, storefrontId, mode: "TEST", status: "PENDING", amount: 100, phone: "254712345678", reference: "L-1", expiresAt: later(900), createdAt: AT, ...extra } });
    return id;
  };
  const newAttempt = (paymentId: string, sequence: number, extra: Record<string, unknown> = {}) =>
    db.paymentAttempt.create({ data: { id: createId("att"), paymentId, sequence, status: "PENDING", createdAt: AT, ...extra } });

  beforeAll(async () => {
    database = await createTestDatabase();
    db = createPrisma(database.url, 4);
    other = createPrisma(database.url, 2);
    await db.storefront.create({ data: { id: storefrontId, name: "Lock row" } });
  });
  afterAll(async () => {
    await Promise.all([db.$disconnect(), other.$disconnect()]);
    await database.drop();
  });

  it("reads the row exactly as Prisma does, every field set", async () => {
    await db.collectionAccount.create({ data: { id: "acct_lockrow", storefrontId, mode: "TEST", name: "Paybill", source: "DASHBOARD" } });
    const id = await newPayment({
      status: "SUCCEEDED", description: "Two tickets", metadata: { order: "A-17", lines: [1, 2], nested: { ok: true } },
      merchantRequestId: "mr-1", checkoutRequestId: "ws_CO_lockrow_1", mpesaReceipt: "LKR1ROW001", resultCode: "0", resultDesc: "Done",
      failureCode: "none", failureMessage: "none", mpesaAmount: 100, mpesaPhone: "254712345678", transactionDate: later(5), reviewReason: "r",
      outcomeUnknown: true, receiptMissing: true, late: true, phoneMismatch: true, queryCount: 3, lastQueriedAt: later(6), nextQueryAt: later(7),
      queryLeaseUntil: later(8), acceptedAt: later(1), completedAt: later(9), collectionAccountId: "acct_lockrow", ledgerMissingAt: later(10),
    });
    const expected = await db.payment.findUniqueOrThrow({ where: { id } });
    const locked = await db.$transaction((tx) => lockPaymentRow(tx, id));
    expect(locked).toStrictEqual(expected);
    const sparse = await newPayment();
    expect(await db.$transaction((tx) => lockPaymentRow(tx, sparse))).toStrictEqual(await db.payment.findUniqueOrThrow({ where: { id: sparse } }));
  });

  it("holds the row lock until the transaction ends, and refuses an unknown payment", async () => {
    const id = await newPayment();
    await db.$transaction(async (tx) => {
      await lockPaymentRow(tx, id);
      // Another connection cannot take the lock meanwhile (NOWAIT fails at once instead of waiting).
      await expect(other.$queryRaw`SELECT id FROM payments WHERE id = ${id} FOR UPDATE NOWAIT`).rejects.toThrow();
    });
    await expect(other.$queryRaw`SELECT id FROM payments WHERE id = ${id} FOR UPDATE NOWAIT`).resolves.toHaveLength(1);
    const error = await db.$transaction((tx) => lockPaymentRow(tx, "pay_missing")).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("not_found");
  });

  it("finds and locks the payment of the attempt holding a CheckoutRequestID, any attempt of it", async () => {
    const id = await newPayment({ checkoutRequestId: "ws_CO_lockrow_2b" });
    await newAttempt(id, 1, { status: "FAILED", checkoutRequestId: "ws_CO_lockrow_2a" });
    const second = await newAttempt(id, 2, { checkoutRequestId: "ws_CO_lockrow_2b" });
    await db.$transaction(async (tx) => {
      const found = await lockPaymentOfCheckout(tx, "ws_CO_lockrow_2b");
      expect(found).toStrictEqual({ payment: await tx.payment.findUniqueOrThrow({ where: { id } }), attemptId: second.id });
      await expect(other.$queryRaw`SELECT id FROM payments WHERE id = ${id} FOR UPDATE NOWAIT`).rejects.toThrow();
      // The attempt itself is not locked: it is written later, in the lock order.
      await expect(other.$queryRaw`SELECT id FROM payment_attempts WHERE id = ${second.id} FOR UPDATE NOWAIT`).resolves.toHaveLength(1);
    });
    expect((await db.$transaction((tx) => lockPaymentOfCheckout(tx, "ws_CO_lockrow_2a")))?.payment.id).toBe(id);
    expect(await db.$transaction((tx) => lockPaymentOfCheckout(tx, "ws_CO_nobody"))).toBeNull();
  });

  it("reads the attempts in sequence order and the other payment holding the receipt", async () => {
    const id = await newPayment();
    const third = await newAttempt(id, 3, { status: "SUCCEEDED", checkoutRequestId: "ws_CO_lockrow_3c" });
    const first = await newAttempt(id, 1, { status: "CANCELLED", checkoutRequestId: "ws_CO_lockrow_3a" });
    const second = await newAttempt(id, 2, { status: "UNKNOWN" });
    const holder = await newPayment({ status: "SUCCEEDED", mpesaReceipt: "LKR3HELD01" });
    const own = await newPayment({ status: "SUCCEEDED", mpesaReceipt: "LKR3OWN001" });
    const facts = await db.$transaction((tx) => readSettleFacts(tx, id, "LKR3HELD01"));
    expect(facts).toStrictEqual({
      attempts: [
        { id: first.id, sequence: 1, status: "CANCELLED", checkoutRequestId: "ws_CO_lockrow_3a" },
        { id: second.id, sequence: 2, status: "UNKNOWN", checkoutRequestId: null },
        { id: third.id, sequence: 3, status: "SUCCEEDED", checkoutRequestId: "ws_CO_lockrow_3c" },
      ],
      receiptOwnerId: holder,
    });
    // A payment's own receipt has no other owner; without a receipt there is none to own; no attempts is an empty list.
    expect((await db.$transaction((tx) => readSettleFacts(tx, own, "LKR3OWN001"))).receiptOwnerId).toBeNull();
    expect((await db.$transaction((tx) => readSettleFacts(tx, id, undefined))).receiptOwnerId).toBeNull();
    expect(await db.$transaction((tx) => readSettleFacts(tx, own, undefined))).toStrictEqual({ attempts: [], receiptOwnerId: null });
  });

  it("sees what the lock's previous holder wrote: the row from the lock, the attempts read after it", async () => {
    const id = await newPayment();
    const attempt = await newAttempt(id, 1, { checkoutRequestId: "ws_CO_lockrow_4" });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const lockTaken = new Promise<void>((resolve) => (locked = resolve));
    // The first holder settles the attempt and the payment, and commits only once the second waits.
    const first = other.$transaction(async (tx) => {
      await lockPaymentRow(tx, id);
      await tx.paymentAttempt.update({ where: { id: attempt.id }, data: { status: "SUCCEEDED" } });
      await tx.payment.update({ where: { id }, data: { status: "SUCCEEDED", mpesaReceipt: "LKR4WAIT01" } });
      locked();
      await held;
    }, { timeout: 30_000 });
    await lockTaken;
    const second = db.$transaction(async (tx) => {
      const row = await lockPaymentOfCheckout(tx, "ws_CO_lockrow_4");
      return { row, facts: await readSettleFacts(tx, id, undefined) };
    }, { timeout: 30_000 });
    await waitForLockWaiter(db);
    release();
    await first;
    const { row, facts } = await second;
    expect(row?.payment).toMatchObject({ status: "SUCCEEDED", mpesaReceipt: "LKR4WAIT01" });
    expect(facts.attempts).toEqual([{ id: attempt.id, sequence: 1, status: "SUCCEEDED", checkoutRequestId: "ws_CO_lockrow_4" }]);
  });
});

/** Until some backend of this database waits for a row lock (pg_stat_activity says so): no sleeping on a guess. */
async function waitForLockWaiter(db: PrismaClient): Promise<void> {
  for (;;) {
    const waiting = await db.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`;
    if (Number(waiting[0]!.n) > 0) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
}
