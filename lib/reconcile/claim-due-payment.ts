import type { Db } from "@/lib/db";
import type { Mode } from "@/lib/generated/prisma/client";

export interface ClaimedPayment {
  id: string;
  mode: Mode;
  checkoutRequestId: string;
}

export interface ClaimDuePaymentOptions {
  mode: Mode;
  now: Date;
  /** How long the claim holds: past it, a payment whose querier died is due again. */
  leaseMs: number;
}

/**
 * Claims the payment of `mode` whose status query has been due longest (oldest first, so a backlog
 * drains in order), in one statement: the row is taken with SKIP LOCKED, so concurrent claimers get
 * different payments, and leased until `leaseMs` from now, so once the statement commits nobody
 * else takes it. Recording the answer ends the lease; a querier that dies leaves it to run out.
 */
export async function claimDuePayment(db: Db, { mode, now, leaseMs }: ClaimDuePaymentOptions): Promise<ClaimedPayment | null> {
  const rows = await db.$queryRaw<ClaimedPayment[]>`
    WITH due AS (
      SELECT id FROM payments
       WHERE status IN ('INITIATING', 'PENDING') AND checkout_request_id IS NOT NULL
         AND next_query_at <= ${now} AND mode = ${mode}::"Mode"
         AND (query_lease_until IS NULL OR query_lease_until <= ${now})
       ORDER BY next_query_at, created_at
       LIMIT 1
       FOR UPDATE SKIP LOCKED
    )
    UPDATE payments p SET query_lease_until = ${new Date(now.getTime() + leaseMs)}
      FROM due WHERE p.id = due.id
    RETURNING p.id, p.mode, p.checkout_request_id AS "checkoutRequestId"`;
  return rows[0] ?? null;
}

/** How many payments of `mode` are due for a query ahead of one due at `dueAt` (counted up to `cap`). */
export async function countQueriesAhead(db: Db, { mode, now, dueAt, cap }: { mode: Mode; now: Date; dueAt: Date; cap: number }): Promise<number> {
  const rows = await db.$queryRaw<{ ahead: number }[]>`
    SELECT count(*)::int AS ahead FROM (
      SELECT 1 FROM payments
       WHERE status IN ('INITIATING', 'PENDING') AND checkout_request_id IS NOT NULL
         AND next_query_at <= ${now} AND next_query_at < ${dueAt} AND mode = ${mode}::"Mode"
         AND (query_lease_until IS NULL OR query_lease_until <= ${now})
       LIMIT ${cap}
    ) ahead`;
  return rows[0]?.ahead ?? 0;
}
