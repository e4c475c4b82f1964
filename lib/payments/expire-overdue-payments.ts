import type { Db } from "@/lib/db/client";
import type { PaymentStatus, PrismaClient } from "@/lib/generated/prisma/client";
import { EXPIRED_FAILURE } from "@/lib/payments/expire-payment";
import { inTransaction } from "@/lib/db/in-transaction";
import { OPEN_STATUSES } from "@/lib/payments/state";
import { statusInSql } from "@/lib/payments/status-sql";
import { settleDeadlines } from "@/lib/payments/settle-payment";

export interface ExpireOverdueOptions {
  now?: Date;
  /** Payments expired per transaction (default 500). */
  batchSize?: number;
  /**
   * true (default): expire only payments whose last status query is done or impossible: no
   * CheckoutRequestID to ask about, or a query made at or after the deadline. The others are left
   * to the reconciler, which makes that query (rate-limited, oldest first) and expires them itself.
   * false: expire every overdue payment without asking M-Pesa (an operator's choice, and benchmarks);
   * a success that arrives later still counts, flagged late.
   */
  lastQuery?: boolean;
  /** Stop after this many batches (default: until none is left). */
  maxBatches?: number;
  /**
   * When set, expired payments that have a CheckoutRequestID are asked again from then on (their
   * outcome was never confirmed: post-expiry reconciliation). Unset: they are not.
   */
  expiredQueryAt?: Date | null;
}

export interface ExpireOverdueResult {
  expired: number;
  batches: number;
}

/**
 * Expires open payments past their deadline in batches, each its own short transaction: the batch's
 * rows are locked with FOR UPDATE SKIP LOCKED (so several sweepers share the work and never wait on
 * each other or on a callback holding a row), then settled by the settle path's deadline in one
 * set-based transition (status, timeline entries, storefront events). A payment is expired once: its row is locked and the update
 * is conditional on INITIATING/PENDING.
 */
export async function expireOverduePayments(db: PrismaClient, options: ExpireOverdueOptions = {}): Promise<ExpireOverdueResult> {
  const { now = new Date(), batchSize = 500, lastQuery = true, maxBatches = Number.POSITIVE_INFINITY, expiredQueryAt = null } = options;
  let expired = 0;
  let batches = 0;
  while (batches < maxBatches) {
    const count = await expireOverdueBatch(db, { now, batchSize, lastQuery, expiredQueryAt });
    batches++;
    expired += count;
    if (count < batchSize) break;
  }
  return { expired, batches };
}

/** One batch in one transaction; returns how many payments it expired. */
export async function expireOverdueBatch(db: Db, { now, batchSize, lastQuery, expiredQueryAt = null }: { now: Date; batchSize: number; lastQuery: boolean; expiredQueryAt?: Date | null }): Promise<number> {
  return inTransaction(db, async (tx) => {
    const locked = await tx.$queryRaw<{ id: string; status: PaymentStatus; asked: boolean }[]>`
      SELECT id, status, checkout_request_id IS NOT NULL AS asked FROM payments
       WHERE ${statusInSql(OPEN_STATUSES)} AND expires_at <= ${now}
         AND (${!lastQuery} OR checkout_request_id IS NULL OR last_queried_at >= expires_at)
       ORDER BY expires_at
       LIMIT ${batchSize}
       FOR UPDATE SKIP LOCKED`;
    // Payments with a CheckoutRequestID get their first post-expiry query in the expiring update
    // itself: a second UPDATE of the same rows would write every one of payments' indexes again.
    const groups = [
      { rows: locked.filter((p) => expiredQueryAt && p.asked), nextQueryAt: expiredQueryAt },
      { rows: locked.filter((p) => !(expiredQueryAt && p.asked)), nextQueryAt: null },
    ];
    let moved = 0;
    for (const { rows, nextQueryAt } of groups) {
      if (rows.length === 0) continue;
      const expired = await settleDeadlines(tx, {
        locked: rows.map(({ id, status }) => ({ id, status })), now,
        input: {
          kind: "deadline", source: "sweep", patch: { ...EXPIRED_FAILURE, nextQueryAt, queryLeaseUntil: null },
          data: { reason: lastQuery ? "no final answer by the deadline (last status query done, or none possible)" : "no final answer by the deadline" },
        },
      });
      moved += expired.length;
    }
    return moved;
  });
}
