import type { Db } from "@/lib/db/client";

/**
 * Attempt 1 for payments a test wrote directly (as the migration made one for every payment that
 * existed before attempts): the payment's Daraja ids, and a status that follows the payment's.
 * Callbacks and status queries are matched through attempts, so a payment without one would only
 * ever be matched through its callback token.
 */
export async function insertFirstAttempts(db: Db, paymentIds: readonly string[]): Promise<void> {
  if (paymentIds.length === 0) return;
  await db.$executeRawUnsafe(
    `INSERT INTO payment_attempts (id, payment_id, sequence, status, merchant_request_id, checkout_request_id, result_code, created_at, updated_at)
     SELECT 'att_' || p.id, p.id, 1,
            (CASE WHEN p.status = 'INITIATING' AND p.outcome_unknown THEN 'UNKNOWN'
                  WHEN p.status = 'REVIEW' THEN 'UNKNOWN'
                  ELSE p.status::text END)::"AttemptStatus",
            p.merchant_request_id, p.checkout_request_id, p.result_code, p.created_at, now()
       FROM payments p WHERE p.id = ANY($1::text[])
     ON CONFLICT DO NOTHING`,
    [...paymentIds],
  );
}
