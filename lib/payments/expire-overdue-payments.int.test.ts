import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrisma } from "@/lib/db/client";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { expireOverduePayments } from "@/lib/payments/expire-overdue-payments";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";

/**
 * The expiry sweep's batch function on PostgreSQL: batches, the "last query done or impossible"
 * rule, and two sweepers at once over the same overdue payments, each expired exactly once with
 * one timeline entry and one storefront event.
 */

const STOREFRONT = "sf_sweep";

describe("expireOverduePayments", () => {
  let database: TestDatabase;
  let db: PrismaClient;
  let other: PrismaClient;

  /** Inserts `count` payments with ids `<prefix>00000001`…, in one statement. */
  const seed = (prefix: string, count: number, columns: { status: string; expiresInSeconds: number; checkout?: boolean; lastQueriedSecondsAfterDeadline?: number | null }) => db.$executeRawUnsafe(`
    INSERT INTO payments (id, storefront_id, mode, status, amount, phone, reference, checkout_request_id, merchant_request_id,
                          outcome_unknown, last_queried_at, next_query_at, expires_at, created_at, updated_at)
    SELECT '${prefix}' || lpad(g::text, 8, '0'), '${STOREFRONT}', 'TEST', '${columns.status}', 100 + g % 50, '254712345678', 'SWEEP',
           ${columns.checkout ? `'ws_CO_${prefix}' || g` : "NULL"}, ${columns.checkout ? `'m-${prefix}' || g` : "NULL"},
           ${columns.checkout ? "false" : "true"},
           ${columns.lastQueriedSecondsAfterDeadline == null ? "NULL" : `now() + interval '${columns.expiresInSeconds + columns.lastQueriedSecondsAfterDeadline} seconds'`},
           ${columns.checkout ? `now() + interval '${columns.expiresInSeconds} seconds'` : "NULL"},
           now() + interval '${columns.expiresInSeconds} seconds', now() - interval '20 minutes', now()
      FROM generate_series(1, ${count}) g`);
  const statusCounts = async (prefix: string) =>
    Object.fromEntries((await db.payment.groupBy({ by: ["status"], where: { id: { startsWith: prefix } }, _count: true })).map((g) => [g.status, g._count]));

  beforeAll(async () => {
    database = await createTestDatabase();
    db = createPrisma(database.url, 6);
    other = createPrisma(database.url, 6);
    await db.storefront.create({ data: { id: STOREFRONT, name: "Sweep" } });
    await db.webhookEndpoint.create({ data: { id: "we_sweep", storefrontId: STOREFRONT, mode: "TEST", url: "https://shop.example/hook", secretEncrypted: "x" } });
  });
  afterAll(async () => {
    await db.$disconnect();
    await other.$disconnect();
    await database.drop();
  });

  it("expires every overdue payment whose last query is done or impossible, in batches, with two sweepers at once never expiring one twice", async () => {
    await seed("pay_unasked", 1200, { status: "INITIATING", expiresInSeconds: -60 });
    await seed("pay_lastdone", 300, { status: "PENDING", expiresInSeconds: -60, checkout: true, lastQueriedSecondsAfterDeadline: 1 });
    await seed("pay_needsask", 40, { status: "PENDING", expiresInSeconds: -60, checkout: true, lastQueriedSecondsAfterDeadline: -30 });
    await seed("pay_notdue", 40, { status: "PENDING", expiresInSeconds: 600, checkout: true });
    await seed("pay_settled", 40, { status: "SUCCEEDED", expiresInSeconds: -60, checkout: true });

    const now = new Date();
    const [a, b] = await Promise.all([
      expireOverduePayments(db, { now, batchSize: 100 }),
      expireOverduePayments(other, { now, batchSize: 100 }),
    ]);
    expect(a.expired + b.expired).toBe(1500);
    expect(a.batches + b.batches).toBeGreaterThanOrEqual(15);
    expect(await statusCounts("pay_unasked")).toEqual({ EXPIRED: 1200 });
    expect(await statusCounts("pay_lastdone")).toEqual({ EXPIRED: 300 });
    expect(await statusCounts("pay_needsask")).toEqual({ PENDING: 40 });
    expect(await statusCounts("pay_notdue")).toEqual({ PENDING: 40 });
    expect(await statusCounts("pay_settled")).toEqual({ SUCCEEDED: 40 });

    // Exactly one transition, one timeline entry and one storefront event (with its delivery) each.
    const perPayment = await db.$queryRaw<{ events: number; transitions: number; conflicts: number; hooks: number; deliveries: number }[]>`
      SELECT count(*)::int AS events,
             count(*) FILTER (WHERE e.type = 'expire' AND e.source = 'sweep' AND e.to_status = 'EXPIRED')::int AS transitions,
             count(*) FILTER (WHERE e.type = 'conflict')::int AS conflicts,
             (SELECT count(*)::int FROM webhook_events w WHERE w.type = 'payment.expired' AND (w.payment_id LIKE 'pay_unasked%' OR w.payment_id LIKE 'pay_lastdone%')) AS hooks,
             (SELECT count(*)::int FROM webhook_deliveries d JOIN webhook_events w ON w.id = d.event_id WHERE w.type = 'payment.expired') AS deliveries
        FROM payment_events e`;
    expect(perPayment[0]).toEqual({ events: 1500, transitions: 1500, conflicts: 0, hooks: 1500, deliveries: 1500 });
    const doubled = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM (SELECT payment_id FROM payment_events GROUP BY payment_id HAVING count(*) > 1) d`;
    expect(doubled[0]!.n).toBe(0);
    const sample = await db.payment.findUniqueOrThrow({ where: { id: "pay_unasked00000007" } });
    expect(sample).toMatchObject({ status: "EXPIRED", failureCode: "expired", completedAt: now, nextQueryAt: null });
    const hook = await db.webhookEvent.findFirstOrThrow({ where: { paymentId: "pay_unasked00000007" } });
    expect(hook.payload).toMatchObject({ type: "payment.expired", livemode: false, data: { object: { id: "pay_unasked00000007", status: "expired", failure_code: "expired" } } });

    // A second pass finds nothing left to do without a query.
    expect(await expireOverduePayments(db, { now, batchSize: 100 })).toEqual({ expired: 0, batches: 1 });
  });

  it("expires the rest without asking when told not to wait for a last query, and respects maxBatches", async () => {
    await seed("pay_lot", 250, { status: "PENDING", expiresInSeconds: -5, checkout: true });
    const now = new Date();
    expect(await expireOverduePayments(db, { now, batchSize: 100, lastQuery: false, maxBatches: 2 })).toEqual({ expired: 200, batches: 2 });
    const rest = await expireOverduePayments(db, { now, batchSize: 100, lastQuery: false });
    expect(rest.expired).toBe(90);
    expect(await statusCounts("pay_lot")).toEqual({ EXPIRED: 250 });
    expect(await statusCounts("pay_needsask")).toEqual({ EXPIRED: 40 });
    expect(await statusCounts("pay_notdue")).toEqual({ PENDING: 40 });
  });
});
