import type { PrismaClient } from "@/lib/generated/prisma/client";

/**
 * `count` live payments for one storefront, created set-based with generate_series (seconds, not
 * minutes): spread evenly over the last 30 days, with a realistic mix of outcomes, unique receipts
 * on successes, 12-digit phones and INV references. Row g is deterministic, so scenarios can search
 * for known values.
 */
export async function seedPayments(db: PrismaClient, storefrontId: string, count: number, spreadDays = 30): Promise<void> {
  const stepMs = (spreadDays * 24 * 3600 * 1000) / count;
  await db.$executeRawUnsafe(
    `INSERT INTO payments (id, storefront_id, mode, status, amount, phone, reference, checkout_request_id, merchant_request_id,
                           mpesa_receipt, result_code, created_at, updated_at, accepted_at, completed_at, expires_at)
     SELECT 'pay_seed' || lpad(g::text, 10, '0'), $1, 'LIVE', s.status::"PaymentStatus",
            10 + (g::bigint * 7919) % 25000,
            '2547' || lpad(((g::bigint * 104729) % 100000000)::text, 8, '0'),
            'INV' || g,
            'ws_CO_seed_' || g, 'seed-' || g,
            CASE WHEN s.status = 'SUCCEEDED' THEN 'UKA' || upper(lpad(to_hex(g), 7, '0')) END,
            s.code,
            t.at, t.at, t.at + interval '2 seconds',
            CASE WHEN s.status NOT IN ('PENDING') THEN t.at + interval '20 seconds' END,
            t.at + interval '15 minutes'
       FROM generate_series(1, $2::int) AS g
       CROSS JOIN LATERAL (SELECT now() - (g * $3::float8) * interval '1 millisecond' AS at) t
       CROSS JOIN LATERAL (SELECT
            CASE WHEN g % 100 < 78 THEN 'SUCCEEDED' WHEN g % 100 < 88 THEN 'CANCELLED' WHEN g % 100 < 95 THEN 'FAILED'
                 WHEN g % 100 < 98 THEN 'EXPIRED' WHEN g % 100 < 99 THEN 'PENDING' ELSE 'REVIEW' END AS status,
            CASE WHEN g % 100 < 78 THEN '0' WHEN g % 100 < 88 THEN '1032' WHEN g % 100 < 91 THEN '1037'
                 WHEN g % 100 < 93 THEN '1' WHEN g % 100 < 95 THEN '2001' WHEN g % 100 >= 99 THEN '0' END AS code) s`,
    storefrontId, count, stepMs,
  );
  await db.$executeRawUnsafe(`ANALYZE payments`);
}

/** The values row g was seeded with, for searches that must find exactly one payment. */
export function seededRow(g: number): { receipt: string; phone: string; reference: string } {
  return {
    // Receipt-shaped (year U, month K, day A, then 7 characters), unique per row.
    receipt: `UKA${g.toString(16).toUpperCase().padStart(7, "0")}`,
    phone: `2547${String((BigInt(g) * 104729n) % 100000000n).padStart(8, "0")}`,
    reference: `INV${g}`,
  };
}

/** Seeds `count` live payments unless the stack already has them (the dashboard and CSV scenarios share one seed). */
export async function ensureSeeded(db: PrismaClient, storefrontId: () => Promise<string>, count: number): Promise<number | null> {
  const existing = await db.payment.count({ where: { mode: "LIVE", id: { startsWith: "pay_seed" } } });
  if (existing >= count) return null;
  const started = Date.now();
  await seedPayments(db, await storefrontId(), count);
  return (Date.now() - started) / 1000;
}
