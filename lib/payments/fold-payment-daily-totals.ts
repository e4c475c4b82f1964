import type { Db } from "@/lib/db/client";

// Any fixed number: folds exclude each other with it (two folds upserting the same totals in
// different orders could deadlock), and never wait for one another.
const FOLD_LOCK = 1_700_017_001;

/**
 * Moves the changes the payments triggers appended (payment_daily_total_changes) into the daily
 * totals, summed per key, in one statement and so one transaction: the changes it deletes are
 * exactly the ones it adds, so totals + changes stay equal to the aggregate over payments at every
 * snapshot, before, during and after a fold. A change deleted by a concurrent fold is skipped by
 * the DELETE (it is gone), never moved twice; changes of transactions still open are not visible
 * and wait for the next fold. Returns how many changes were moved (0 when another fold holds the
 * lock: it is doing the same work).
 */
export async function foldPaymentDailyTotals(db: Db): Promise<number> {
  const [moved] = await db.$queryRaw<{ changes: number }[]>`
    WITH lock AS (
      SELECT pg_try_advisory_xact_lock(${FOLD_LOCK}) AS held
    ), moved AS (
      DELETE FROM payment_daily_total_changes WHERE (SELECT held FROM lock)
      RETURNING day, storefront_id, mode, currency, status, result_code, payments, amount
    ), summed AS (
      SELECT day, storefront_id, mode, currency, status, result_code, sum(payments)::int AS payments, sum(amount)::bigint AS amount, count(*) AS changes
        FROM moved GROUP BY day, storefront_id, mode, currency, status, result_code
    ), folded AS (
      INSERT INTO payment_daily_totals AS t (day, storefront_id, mode, currency, status, result_code, payments, amount)
      SELECT day, storefront_id, mode, currency, status, result_code, payments, amount FROM summed
      ON CONFLICT (mode, day, storefront_id, currency, status, result_code)
      DO UPDATE SET payments = t.payments + EXCLUDED.payments, amount = t.amount + EXCLUDED.amount
    )
    SELECT COALESCE(sum(changes), 0)::int AS changes FROM summed`;
  return moved?.changes ?? 0;
}
