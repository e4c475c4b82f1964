import type { Db } from "@/lib/db/client";
import { DARAJA_RAIL } from "@/lib/collection-accounts/daraja-account-settings";
import { Prisma } from "@/lib/generated/prisma/client";

export interface CheckLedgerMissingOptions {
  now: Date;
  /** LEDGER_MISSING_AFTER_HOURS: how long after its success a payment may still lack its line. */
  missingAfterHours: number;
  /** Payments flagged per run; the rest are flagged by the next. */
  limit?: number;
}

// The account a payment's money lands on: its own, or its storefront's environment account of its mode.
const ACCOUNT_OF_P = Prisma.sql`COALESCE(p.collection_account_id, (
  SELECT a.id FROM collection_accounts a
   WHERE a.storefront_id = p.storefront_id AND a.mode = p.mode AND a.rail = ${DARAJA_RAIL} AND a.source = 'ENVIRONMENT' LIMIT 1))`;

// A line of M-Pesa's ledger is this payment's: it names the payment, or it carries its receipt on its
// account. A refund's line names its payment too, but is money out: it never shows the payment came in.
const LINE_OF_P = Prisma.sql`EXISTS (SELECT 1 FROM ledger_lines l
   WHERE (l.payment_id = p.id AND l.direction <> 'OUT') OR (p.mpesa_receipt IS NOT NULL AND l.receipt = p.mpesa_receipt AND l.collection_account_id = ${ACCOUNT_OF_P}))`;

/**
 * The dangerous case of reconciliation: a payment Malipo holds as succeeded that M-Pesa's ledger
 * does not have. A payment is flagged (payments.ledger_missing_at, a `ledger_missing` timeline
 * entry) when it succeeded more than `missingAfterHours` ago, its M-Pesa time (else its
 * completion) lies inside a stretch of its account that a complete source read (ledger_coverage),
 * and no ledger line is its. With no coverage nothing is ever flagged: without a complete source
 * Malipo cannot tell missing from unread. A flag whose line has since arrived is cleared (the
 * matcher clears it too, when it matches the line). Safe to run in several workers at once.
 */
export async function checkLedgerMissing(db: Db, { now, missingAfterHours, limit = 1000 }: CheckLedgerMissingOptions): Promise<{ flagged: number; cleared: number }> {
  const cutoff = new Date(now.getTime() - missingAfterHours * 3600_000);
  const flagged = await db.$executeRaw`
    WITH due AS (
      SELECT p.id FROM payments p
       WHERE p.status = 'SUCCEEDED' AND p.ledger_missing_at IS NULL AND p.completed_at < ${cutoff}
         AND EXISTS (SELECT 1 FROM ledger_coverage c
                      WHERE c.collection_account_id = ${ACCOUNT_OF_P}
                        AND c.from_time <= COALESCE(p.transaction_date, p.completed_at) AND COALESCE(p.transaction_date, p.completed_at) < c.to_time)
         AND NOT ${LINE_OF_P}
       ORDER BY p.completed_at, p.id
       LIMIT ${limit}
       FOR UPDATE OF p SKIP LOCKED
    ), flagged AS (
      UPDATE payments SET ledger_missing_at = ${now} FROM due WHERE payments.id = due.id RETURNING payments.id
    )
    INSERT INTO payment_events (payment_id, type, source, data, created_at)
    SELECT id, 'ledger_missing', 'ledger', ${JSON.stringify({ afterHours: missingAfterHours })}::jsonb, ${now} FROM flagged`;
  const cleared = await db.$executeRaw`
    WITH found AS (
      SELECT p.id FROM payments p WHERE p.ledger_missing_at IS NOT NULL AND ${LINE_OF_P} FOR UPDATE OF p SKIP LOCKED
    ), cleared AS (
      UPDATE payments SET ledger_missing_at = NULL FROM found WHERE payments.id = found.id RETURNING payments.id
    )
    INSERT INTO payment_events (payment_id, type, source, data, created_at)
    SELECT id, 'ledger_found', 'ledger', NULL, ${now} FROM cleared`;
  return { flagged, cleared };
}
