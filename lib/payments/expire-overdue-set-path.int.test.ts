import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrisma } from "@/lib/db/client";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { EXPIRED_FAILURE } from "@/lib/payments/expire-payment";
import { expireOverdueBatch } from "@/lib/payments/expire-overdue-payments";
import { foldPaymentDailyTotals } from "@/lib/payments/fold-payment-daily-totals";
import { settlePayment } from "@/lib/payments/settle-payment";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";

/**
 * The sweep's set-based path against the per-payment settle path: the same payment expired either
 * way ends with the same row, timeline entry, storefront event, attempt and daily totals; and a
 * callback holding a payment's row lock while the sweep runs wins cleanly (the row is skipped, never
 * expired behind it), while a success arriving after the sweep still counts, flagged late.
 */

const STOREFRONT = "sf_setpath";
const NOW = new Date("2026-12-01T10:00:00.000Z");
const DEADLINE = new Date("2026-12-01T09:00:00.000Z");
const REASON = "no final answer by the deadline (last status query done, or none possible)";

describe("the sweep's set path", () => {
  let database: TestDatabase;
  let db: PrismaClient;
  let other: PrismaClient;

  /** An overdue PENDING payment with one live attempt, its last status query made after the deadline. */
  const overdue = async (id: string, extra: { outcomeUnknown?: boolean } = {}) => {
    const checkout = extra.outcomeUnknown ? null : `ws_CO_${id}`;
    await db.payment.create({
      data: {
        id, storefrontId: STOREFRONT, mode: "TEST", status: extra.outcomeUnknown ? "INITIATING" : "PENDING", amount: 250, phone: "254712345678",
        reference: "SETPATH", checkoutRequestId: checkout, merchantRequestId: checkout && `m-${id}`, outcomeUnknown: extra.outcomeUnknown ?? false,
        lastQueriedAt: checkout && new Date(DEADLINE.getTime() + 1000), nextQueryAt: checkout && new Date(NOW.getTime() + 60_000),
        expiresAt: DEADLINE, createdAt: new Date("2026-12-01T08:55:00.000Z"),
      },
    });
    await db.paymentAttempt.create({ data: { id: `att_${id}`, paymentId: id, sequence: 1, status: extra.outcomeUnknown ? "UNKNOWN" : "PENDING", checkoutRequestId: checkout } });
  };

  /** Everything an expiry writes about one payment, with the payment's own id taken out. */
  const written = async (id: string) => {
    const payment = await db.payment.findUniqueOrThrow({ where: { id } });
    const timeline = await db.paymentEvent.findMany({ where: { paymentId: id }, orderBy: { id: "asc" } });
    const hooks = await db.webhookEvent.findMany({ where: { paymentId: id }, include: { deliveries: true } });
    const attempt = await db.paymentAttempt.findUniqueOrThrow({ where: { id: `att_${id}` } });
    const { id: _id, checkoutRequestId, merchantRequestId, updatedAt: _u, ...row } = payment;
    return {
      row: { ...row, hasCheckout: checkoutRequestId !== null, hasMerchant: merchantRequestId !== null },
      timeline: timeline.map((e) => ({ type: e.type, source: e.source, fromStatus: e.fromStatus, toStatus: e.toStatus, data: e.data, actorUserId: e.actorUserId })),
      hooks: hooks.map((h) => {
        const payload = h.payload as { id: string; created: string; data: { object: Record<string, unknown> } };
        return { type: h.type, mode: h.mode, created: payload.created, object: { ...payload.data.object, ...ownIds(payload.data.object) }, deliveries: h.deliveries.map((d) => ({ endpointId: d.endpointId, status: d.status })) };
      }),
      attempt: attempt.status,
    };
  };

  /** The payment's own ids in its API object, replaced by whether it has them. */
  const ownIds = (object: Record<string, unknown>) => ({
    id: "(payment)",
    checkout_request_id: object.checkout_request_id ? "(set)" : null,
    merchant_request_id: object.merchant_request_id ? "(set)" : null,
  });

  /** The per-payment path with the sweep's own input: the settle path's row-by-row transition. */
  const expireRowByRow = (id: string) => db.$transaction((tx) => settlePayment(tx, {
    paymentId: id, now: NOW,
    input: { kind: "deadline", source: "sweep", patch: { ...EXPIRED_FAILURE, nextQueryAt: null, queryLeaseUntil: null }, data: { reason: REASON } },
  }));

  const totals = async () => {
    await foldPaymentDailyTotals(db);
    return db.paymentDailyTotal.findMany({ where: { storefrontId: STOREFRONT }, select: { day: true, status: true, payments: true, amount: true }, orderBy: [{ status: "asc" }] });
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    db = createPrisma(database.url, 4);
    other = createPrisma(database.url, 4);
    await db.storefront.create({ data: { id: STOREFRONT, name: "Set path" } });
    await db.webhookEndpoint.create({ data: { id: "we_setpath", storefrontId: STOREFRONT, mode: "TEST", url: "https://shop.example/hook", secretEncrypted: "x" } });
  });
  afterAll(async () => {
    await db.$disconnect();
    await other.$disconnect();
    await database.drop();
  });

  it("writes exactly what the row-by-row transition writes: row, timeline entry, storefront event, attempt, daily totals", async () => {
    for (const kind of ["asked", "unknown"] as const) {
      const outcomeUnknown = kind === "unknown";
      await overdue(`pay_row_${kind}`, { outcomeUnknown });
      const before = await totals();
      const result = await expireRowByRow(`pay_row_${kind}`);
      expect(result.outcome).toBe("applied");
      const afterRow = await totals();

      await overdue(`pay_set_${kind}`, { outcomeUnknown });
      const beforeSet = await totals();
      // Only this payment is still open and overdue: the batch is exactly it.
      expect(await expireOverdueBatch(db, { now: NOW, batchSize: 10, lastQuery: true })).toBe(1);
      const afterSet = await totals();

      const byRow = await written(`pay_row_${kind}`);
      const bySet = await written(`pay_set_${kind}`);
      expect(bySet).toEqual(byRow);
      expect(bySet.row).toMatchObject({ status: "EXPIRED", failureCode: "expired", completedAt: NOW, nextQueryAt: null, outcomeUnknown });
      expect(bySet.timeline).toEqual([{ type: "expire", source: "sweep", fromStatus: outcomeUnknown ? "INITIATING" : "PENDING", toStatus: "EXPIRED", data: { reason: REASON }, actorUserId: null }]);
      expect(bySet.hooks).toHaveLength(1);
      expect(bySet.hooks[0]).toMatchObject({ type: "payment.expired", object: { status: "expired", failure_code: "expired" }, deliveries: [{ endpointId: "we_setpath", status: "PENDING" }] });
      expect(bySet.attempt).toBe("EXPIRED");

      // Each path moved one payment of 250 out of its open status into EXPIRED, on the same day.
      const delta = (a: typeof before, b: typeof before) => {
        const key = (t: (typeof before)[number]) => `${t.day.toISOString()}|${t.status}`;
        const was = new Map(a.map((t) => [key(t), t]));
        return b.map((t) => ({ key: key(t), payments: t.payments - (was.get(key(t))?.payments ?? 0), amount: Number(t.amount) - Number(was.get(key(t))?.amount ?? 0) })).filter((d) => d.payments !== 0 || d.amount !== 0);
      };
      const rowDelta = delta(before, afterRow);
      expect(rowDelta).toContainEqual(expect.objectContaining({ payments: 1, amount: 250 }));
      expect(rowDelta).toContainEqual(expect.objectContaining({ payments: -1, amount: -250 }));
      expect(delta(beforeSet, afterSet)).toEqual(rowDelta);
    }
  });

  it("schedules the first post-expiry query in the expiring update, only for payments M-Pesa can be asked about", async () => {
    await overdue("pay_sched_asked");
    await overdue("pay_sched_unknown", { outcomeUnknown: true });
    const asked = new Date(NOW.getTime() + 900_000);
    expect(await expireOverdueBatch(db, { now: NOW, batchSize: 10, lastQuery: true, expiredQueryAt: asked })).toBe(2);
    expect(await db.payment.findUniqueOrThrow({ where: { id: "pay_sched_asked" } })).toMatchObject({ status: "EXPIRED", nextQueryAt: asked, completedAt: NOW });
    expect(await db.payment.findUniqueOrThrow({ where: { id: "pay_sched_unknown" } })).toMatchObject({ status: "EXPIRED", nextQueryAt: null, completedAt: NOW });
    // Each expired once, with one entry and one storefront event.
    for (const id of ["pay_sched_asked", "pay_sched_unknown"]) {
      const after = await written(id);
      expect(after.timeline.map((e) => e.type)).toEqual(["expire"]);
      expect(after.hooks.map((h) => h.type)).toEqual(["payment.expired"]);
    }
  });

  it("skips a payment a callback holds locked; the callback's success wins and the next pass leaves it alone", async () => {
    await overdue("pay_race_cb");
    const settled = await db.$transaction(async (tx) => {
      const callback = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM payments WHERE id = 'pay_race_cb' FOR UPDATE`;
      expect(callback).toHaveLength(1);
      // The sweep runs on another connection while the callback holds the row: SKIP LOCKED, no wait.
      expect(await expireOverdueBatch(other, { now: NOW, batchSize: 10, lastQuery: true })).toBe(0);
      return settlePayment(tx, {
        paymentId: "pay_race_cb", now: NOW,
        input: { source: "callback", result: "succeeded", resultCode: "0", resultDescription: "ok", amount: 250, receipt: "RACE0000CB", phone: "254712345678", attemptId: "att_pay_race_cb", evidence: {} },
      });
    });
    expect(settled.outcome).toBe("applied");
    expect(await expireOverdueBatch(db, { now: NOW, batchSize: 10, lastQuery: true })).toBe(0);
    const after = await written("pay_race_cb");
    expect(after.row).toMatchObject({ status: "SUCCEEDED", late: false, mpesaReceipt: "RACE0000CB" });
    expect(after.timeline.map((e) => e.type)).toEqual(["succeed"]);
    expect(after.hooks.map((h) => h.type)).toEqual(["payment.succeeded"]);
  });

  it("a success arriving after the sweep expired the payment still counts, flagged late, each told once", async () => {
    await overdue("pay_race_late");
    expect(await expireOverdueBatch(db, { now: NOW, batchSize: 10, lastQuery: true })).toBe(1);
    const settled = await db.$transaction((tx) => settlePayment(tx, {
      paymentId: "pay_race_late", now: new Date(NOW.getTime() + 5000),
      input: { source: "callback", result: "succeeded", resultCode: "0", resultDescription: "ok", amount: 250, receipt: "RACE0000LT", phone: "254712345678", attemptId: "att_pay_race_late", evidence: {} },
    }));
    expect(settled.outcome).toBe("applied");
    const after = await written("pay_race_late");
    expect(after.row).toMatchObject({ status: "SUCCEEDED", late: true, mpesaReceipt: "RACE0000LT" });
    expect(after.timeline.map((e) => [e.type, e.fromStatus, e.toStatus])).toEqual([["expire", "PENDING", "EXPIRED"], ["succeed", "EXPIRED", "SUCCEEDED"]]);
    expect(after.hooks.map((h) => h.type).sort()).toEqual(["payment.expired", "payment.succeeded"]);
  });
});
