import type { Db } from "@/lib/db/client";
import { Prisma, type Mode } from "@/lib/generated/prisma/client";
import { OPEN_STATUSES } from "@/lib/payments/state";
import { statusInSql } from "@/lib/payments/status-sql";

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

// Open payments first: their customers are waiting. Expired ones still being reconciled (their
// next_query_at is set only while their post-expiry window lasts) take the slots left over.
const TIERS = [statusInSql(OPEN_STATUSES), Prisma.sql`status = 'EXPIRED'`];

/**
 * Claims the payment of `mode` whose status query has been due longest (oldest first, so a backlog
 * drains in order), open payments before expired ones, in one statement per tier: the row is
 * taken with SKIP LOCKED, so concurrent claimers get different payments, and leased until `leaseMs`
 * from now, so once the statement commits nobody else takes it. Recording the answer ends the
 * lease; a querier that dies leaves it to run out.
 */
export async function claimDuePayment(db: Db, { mode, now, leaseMs }: ClaimDuePaymentOptions): Promise<ClaimedPayment | null> {
  for (const tier of TIERS) {
    const rows = await db.$queryRaw<ClaimedPayment[]>`
      WITH due AS (
        SELECT id FROM payments
         WHERE ${tier} AND checkout_request_id IS NOT NULL
           AND next_query_at <= ${now} AND mode = ${mode}::"Mode"
           AND (query_lease_until IS NULL OR query_lease_until <= ${now})
         ORDER BY next_query_at, created_at
         LIMIT 1
         FOR UPDATE SKIP LOCKED
      )
      UPDATE payments p SET query_lease_until = ${new Date(now.getTime() + leaseMs)}
        FROM due WHERE p.id = due.id
      RETURNING p.id, p.mode, p.checkout_request_id AS "checkoutRequestId"`;
    if (rows[0]) return rows[0];
  }
  return null;
}

/**
 * How many payments of `mode` are due for a query ahead of one due at `dueAt` (counted up to
 * `cap`): due earlier in its own tier, and, for an expired one, every due open payment too.
 */
export async function countQueriesAhead(db: Db, { mode, now, dueAt, cap, afterExpiry = false }: { mode: Mode; now: Date; dueAt: Date; cap: number; afterExpiry?: boolean }): Promise<number> {
  const rows = await db.$queryRaw<{ ahead: number }[]>`
    SELECT count(*)::int AS ahead FROM (
      SELECT 1 FROM payments
       WHERE checkout_request_id IS NOT NULL AND next_query_at <= ${now} AND mode = ${mode}::"Mode"
         AND (query_lease_until IS NULL OR query_lease_until <= ${now})
         AND (${afterExpiry ? Prisma.sql`(${TIERS[0]!} OR (${TIERS[1]!} AND next_query_at < ${dueAt}))` : Prisma.sql`(${TIERS[0]!} AND next_query_at < ${dueAt})`})
       LIMIT ${cap}
    ) ahead`;
  return rows[0]?.ahead ?? 0;
}
