import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db/client";
import { OPEN_STATUSES, QUERYABLE_STATUSES } from "@/lib/payments/state";
import { statusInSql } from "@/lib/payments/status-sql";

// Open payments first (their customers are waiting), then expired ones still being reconciled, as
// the reconciler claims them.
const TIERS = [OPEN_STATUSES, QUERYABLE_STATUSES.filter((s) => !(OPEN_STATUSES as readonly string[]).includes(s))];

/**
 * Payments whose status query is due (since before `dueBefore`) and not leased to a querier, at most
 * `limit`: open ones oldest first, then expired ones oldest first. One branch per tier, so each
 * reads its own partial index (payments_query_due_manual, payments_expired_query_due_manual) from
 * its head; one condition on all the queryable statuses matches neither, and payments has no index
 * led by the status to fall back on.
 */
export async function findPaymentsToWake(db: Db, { now, dueBefore, limit }: { now: Date; dueBefore: Date; limit: number }): Promise<string[]> {
  const tiers = TIERS.map((statuses, tier) => Prisma.sql`
    (SELECT id, ${tier}::int AS tier, next_query_at FROM payments
      WHERE ${statusInSql(statuses)} AND checkout_request_id IS NOT NULL AND next_query_at <= ${dueBefore}
        AND (query_lease_until IS NULL OR query_lease_until <= ${now})
      ORDER BY next_query_at
      LIMIT ${limit})`);
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT id FROM (${Prisma.join(tiers, " UNION ALL ")}) due
     ORDER BY tier, next_query_at
     LIMIT ${limit}`;
  return rows.map((r) => r.id);
}
