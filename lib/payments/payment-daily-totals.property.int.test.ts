import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrisma } from "@/lib/db/client";
import type { PaymentStatus, PrismaClient } from "@/lib/generated/prisma/client";
import { expireOverduePayments } from "@/lib/payments/expire-overdue-payments";
import { foldPaymentDailyTotals } from "@/lib/payments/fold-payment-daily-totals";
import { getOverview } from "@/lib/payments/get-overview";
import { describeResultCode } from "@/lib/rails/daraja/result-codes";
import { ALL_STATUSES, FINAL_STATUSES, PAYMENT_EVENTS } from "@/lib/payments/state";
import { transitionPayment } from "@/lib/payments/transition";
import { addEatDays, eatDateOf, eatDayStart } from "@/lib/time/eat";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";

/**
 * Property: whatever happens to payments — bulk inserts, transitions, the set-based expiry sweep,
 * hand-written UPDATEs and DELETEs, transactions rolled back, several writers and folds at once —
 * the daily rollup (totals plus unfolded changes) equals the aggregate over the raw rows, computed
 * here in TypeScript from the rows themselves; after a quiet fold the totals alone do; and the
 * overview read from the rollup equals the overview computed from the raw rows.
 */

const NOW = new Date("2026-12-10T09:00:00Z"); // 12:00 EAT
const TODAY = eatDateOf(NOW);
// Instants either side of EAT midnights (21:00 UTC), in and out of the overview's 30 days.
const INSTANTS = [
  NOW, new Date("2026-12-09T20:59:59.999Z"), new Date("2026-12-09T21:00:00.000Z"), new Date("2026-12-03T12:00:00Z"),
  new Date(eatDayStart(addEatDays(TODAY, -29))), new Date(eatDayStart(addEatDays(TODAY, -29)).getTime() - 1), new Date("2026-11-01T10:00:00Z"),
];
const CODES = [null, "0", "1032", "2001", "1037"];
const EVENTS = PAYMENT_EVENTS.filter((e) => e !== "initiate");

type Op =
  | { kind: "insert"; rows: { shop: number; test: boolean; status: PaymentStatus; amount: number; code: number; at: number; usd: boolean }[] }
  | { kind: "transition"; pick: number; event: (typeof EVENTS)[number]; to: "SUCCEEDED" | "FAILED"; code: number }
  | { kind: "update"; pick: number; status: PaymentStatus; amount: number; code: number; at: number; shop: number }
  | { kind: "delete"; pick: number }
  | { kind: "rollback"; pick: number; status: PaymentStatus }
  | { kind: "sweep" }
  | { kind: "fold" }
  | { kind: "concurrent"; picks: number[]; events: (typeof EVENTS)[number][] };

const statusArb = fc.constantFrom(...ALL_STATUSES);
const rowArb = fc.record({
  shop: fc.nat(1), test: fc.boolean(), status: statusArb, amount: fc.integer({ min: 1, max: 250_000 }),
  code: fc.nat(CODES.length - 1), at: fc.nat(INSTANTS.length - 1), usd: fc.constantFrom(false, false, false, false, false, true),
});
const eventArb = fc.constantFrom(...EVENTS);
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("insert" as const), rows: fc.array(rowArb, { minLength: 1, maxLength: 6 }) }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant("transition" as const), pick: fc.nat(), event: eventArb, to: fc.constantFrom("SUCCEEDED" as const, "FAILED" as const), code: fc.nat(CODES.length - 1) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("update" as const), pick: fc.nat(), status: statusArb, amount: fc.integer({ min: 1, max: 9_999 }), code: fc.nat(CODES.length - 1), at: fc.nat(INSTANTS.length - 1), shop: fc.nat(1) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("delete" as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("rollback" as const), pick: fc.nat(), status: statusArb }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("sweep" as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("fold" as const) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("concurrent" as const), picks: fc.array(fc.nat(), { minLength: 2, maxLength: 6 }), events: fc.array(eventArb, { minLength: 6, maxLength: 6 }) }) },
);

describe("the daily rollup of payments (property, on PostgreSQL)", () => {
  let database: TestDatabase;
  let db: PrismaClient;
  let run = 0;
  let serial = 0;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = createPrisma(database.url, 10);
  });
  afterAll(async () => {
    await db?.$disconnect();
    await database?.drop();
  });

  it("always equals the aggregate over the raw rows, whatever the writes and their interleaving", { timeout: 240_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 14 }), async (ops) => {
        run++;
        const shops = [`sf_rollup${run}a`, `sf_rollup${run}b`];
        await db.storefront.createMany({ data: shops.map((id) => ({ id, name: id })) });
        for (const op of ops) await apply(op, shops);
        expect(await rollupByKey()).toEqual(await rawByKey());
        await foldPaymentDailyTotals(db);
        expect(await db.paymentDailyTotalChange.count()).toBe(0);
        expect(await rollupByKey()).toEqual(await rawByKey());
        for (const mode of ["live", "test"] as const) expect(await getOverview(db, { mode, describeResultCode, now: NOW })).toEqual(await overviewFromRawRows(mode));
      }),
      { numRuns: 25 },
    );
  });

  it("empties the rollup when payments are truncated", async () => {
    await db.$executeRawUnsafe(`TRUNCATE payments CASCADE`);
    expect(await rollupByKey()).toEqual({});
    expect(await db.paymentDailyTotal.count()).toBe(0);
  });

  async function ids(): Promise<string[]> {
    return (await db.payment.findMany({ select: { id: true }, orderBy: { id: "asc" } })).map((p) => p.id);
  }
  const pickFrom = (list: string[], n: number) => (list.length ? list[n % list.length]! : null);

  async function apply(op: Op, shops: string[]): Promise<void> {
    const all = await ids();
    switch (op.kind) {
      case "insert":
        // One statement for all rows: the trigger sees them together.
        await db.payment.createMany({
          data: op.rows.map((r) => ({
            id: `pay_rollup${String(++serial).padStart(8, "0")}`, storefrontId: shops[r.shop]!, mode: r.test ? "TEST" : "LIVE", status: r.status,
            amount: r.amount, currency: r.usd ? "USD" : "KES", phone: "254712345678", reference: "ROLLUP", resultCode: CODES[r.code],
            createdAt: INSTANTS[r.at]!, expiresAt: new Date(INSTANTS[r.at]!.getTime() + 900_000),
          })),
        });
        return;
      case "transition": {
        const id = pickFrom(all, op.pick);
        if (id) await transition(id, op.event, op.to, op.code);
        return;
      }
      case "update": {
        const id = pickFrom(all, op.pick);
        if (!id) return;
        await db.$executeRaw`UPDATE payments SET status = ${op.status}::"PaymentStatus", amount = ${op.amount}, result_code = ${CODES[op.code]},
          created_at = ${INSTANTS[op.at]}, storefront_id = ${shops[op.shop]} WHERE id = ${id}`;
        return;
      }
      case "delete": {
        const id = pickFrom(all, op.pick);
        if (!id) return;
        await db.$transaction([
          db.webhookEvent.deleteMany({ where: { paymentId: id } }),
          db.paymentEvent.deleteMany({ where: { paymentId: id } }),
          db.payment.delete({ where: { id } }),
        ]);
        return;
      }
      case "rollback": {
        const id = pickFrom(all, op.pick);
        if (!id) return;
        await expect(db.$transaction(async (tx) => {
          await tx.$executeRaw`UPDATE payments SET status = ${op.status}::"PaymentStatus", amount = amount + 1 WHERE id = ${id}`;
          throw new Error("rolled back on purpose");
        })).rejects.toThrow("rolled back on purpose");
        return;
      }
      case "sweep":
        await expireOverduePayments(db, { now: new Date(NOW.getTime() + 3600_000), lastQuery: false, batchSize: 2 });
        return;
      case "fold":
        await foldPaymentDailyTotals(db);
        return;
      case "concurrent":
        // Writers on the same and on different payments, with folds, at once.
        await Promise.all([
          ...op.picks.map((p, i) => (pickFrom(all, p) ? transition(pickFrom(all, p)!, op.events[i]!, "SUCCEEDED", i % CODES.length) : null)),
          foldPaymentDailyTotals(db), foldPaymentDailyTotals(db),
        ]);
        return;
    }
  }

  async function transition(paymentId: string, event: (typeof EVENTS)[number], to: "SUCCEEDED" | "FAILED", code: number) {
    await transitionPayment(db, { paymentId, event, to: event === "resolve" ? to : undefined, source: "system", patch: { resultCode: CODES[code] }, now: NOW });
  }

  /** Totals plus unfolded changes, summed per key, keys whose sum is nothing left out. */
  async function rollupByKey(): Promise<Record<string, { payments: number; amount: number }>> {
    const rows = await db.$queryRaw<{ day: string; storefront_id: string; mode: string; currency: string; status: string; result_code: string; payments: number; amount: string }[]>`
      SELECT to_char(day, 'YYYY-MM-DD') AS day, storefront_id, mode::text, currency, status::text, result_code, sum(payments)::int AS payments, sum(amount)::text AS amount
        FROM (SELECT day, storefront_id, mode, currency, status, result_code, payments, amount FROM payment_daily_totals
              UNION ALL SELECT day, storefront_id, mode, currency, status, result_code, payments, amount FROM payment_daily_total_changes) t
       GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(payments) <> 0 OR sum(amount) <> 0`;
    return Object.fromEntries(rows.map((r) => [[r.day, r.storefront_id, r.mode, r.currency, r.status, r.result_code].join("|"), { payments: r.payments, amount: Number(r.amount) }]));
  }

  /** The same figures from the payments themselves, in TypeScript (EAT days by lib/time/eat). */
  async function rawByKey(): Promise<Record<string, { payments: number; amount: number }>> {
    const out: Record<string, { payments: number; amount: number }> = {};
    for (const p of await db.payment.findMany()) {
      const key = [eatDateOf(p.createdAt), p.storefrontId, p.mode, p.currency, p.status, p.resultCode ?? ""].join("|");
      const total = (out[key] ??= { payments: 0, amount: 0 });
      total.payments += 1;
      total.amount += p.amount;
    }
    return out;
  }

  /** Succeeded amounts per currency, as the overview keeps them (a zero total is no entry). */
  function volumesOf(payments: { currency: string; amount: number }[]): Record<string, number> {
    const out: Record<string, number> = {};
    for (const p of payments) out[p.currency] = (out[p.currency] ?? 0) + p.amount;
    for (const [currency, amount] of Object.entries(out)) if (amount === 0) delete out[currency];
    return out;
  }

  async function overviewFromRawRows(mode: "live" | "test") {
    const since = eatDayStart(addEatDays(TODAY, -29));
    const rows = (await db.payment.findMany({ where: { mode: mode === "live" ? "LIVE" : "TEST", createdAt: { gte: since } } }));
    const final = new Set<string>(FINAL_STATUSES);
    const daily = Array.from({ length: 30 }, (_, i) => {
      const day = addEatDays(TODAY, i - 29);
      const of = rows.filter((p) => eatDateOf(p.createdAt) === day);
      const won = of.filter((p) => p.status === "SUCCEEDED");
      return { day, count: of.length, succeeded: won.length, finished: of.filter((p) => final.has(p.status)).length, volume: volumesOf(won) };
    });
    const total = (days: typeof daily) => ({
      count: days.reduce((a, d) => a + d.count, 0), succeeded: days.reduce((a, d) => a + d.succeeded, 0), finished: days.reduce((a, d) => a + d.finished, 0),
      volume: volumesOf(days.flatMap((d) => Object.entries(d.volume).map(([currency, amount]) => ({ currency, amount })))),
    });
    const tally = (values: string[]) => [...values.reduce((m, v) => m.set(v, (m.get(v) ?? 0) + 1), new Map<string, number>())].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const overview = await getOverview(db, { mode, describeResultCode, now: NOW });
    return {
      today: TODAY,
      daily,
      currencies: [...new Set(daily.flatMap((d) => Object.keys(d.volume)))].sort((x, y) => (x === "KES" ? -1 : y === "KES" ? 1 : x < y ? -1 : 1)),
      periods: [{ key: "today", label: "Today", ...total(daily.slice(-1)) }, { key: "7d", label: "Last 7 days", ...total(daily.slice(-7)) }, { key: "30d", label: "Last 30 days", ...total(daily) }],
      byStatus: tally(rows.map((p) => p.status)).map(([status, count]) => ({ status, count })),
      // Labels are the overview's own (from the result-code table); the counts are what is compared.
      byResultCode: tally(rows.flatMap((p) => (p.resultCode === null ? [] : [p.resultCode]))).map(([code, count]) => ({ code, count, label: overview.byResultCode.find((c) => c.code === code)?.label })),
    };
  }
});
