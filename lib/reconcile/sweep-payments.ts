import type { PrismaClient } from "@/lib/generated/prisma/client";
import { OPEN_STATUSES } from "@/lib/payments/state";
import { statusInSql } from "@/lib/payments/status-sql";
import { expireOverduePayments } from "@/lib/payments/expire-overdue-payments";
import { scheduleReconcile } from "@/lib/jobs/queues/schedule-reconcile";
import { findPaymentsToWake } from "@/lib/reconcile/find-payments-to-wake";

export interface SweepPaymentsOptions {
  now?: Date;
  batchSize?: number;
  /** Due payments woken per sweep at most: more than the rate can serve before the next sweep is pointless. */
  wakeLimit: number;
  /** A payment due for less than this is left to the job that is surely about to run for it. */
  graceMs?: number;
  /** When the payments it expires are asked again (post-expiry reconciliation); null: never. */
  expiredQueryAt?: Date | null;
}

export interface SweepResult {
  expired: number;
  woken: number;
}

/**
 * The periodic safety net (every SWEEP_INTERVAL_SECONDS), so that nothing depends on one job
 * surviving: it expires every overdue payment whose last status query is done or impossible, in
 * batches, and queues a reconcile job for due payments that lost theirs (open ones, then expired
 * ones still being reconciled), oldest first. Queueing is
 * harmless for a payment whose job still waits: the queue keeps one waiting job per payment.
 */
export async function sweepPayments(db: PrismaClient, options: SweepPaymentsOptions): Promise<SweepResult> {
  const { now = new Date(), batchSize = 500, wakeLimit, graceMs = 2000, expiredQueryAt = null } = options;
  const { expired } = await expireOverduePayments(db, { now, batchSize, lastQuery: true, expiredQueryAt });
  // Overdue payments that were never scheduled (written before scheduling, or by hand) get their
  // last query: their deadline becomes their due time.
  await db.$executeRaw`
    UPDATE payments SET next_query_at = expires_at
     WHERE ${statusInSql(OPEN_STATUSES)} AND expires_at <= ${now}
       AND checkout_request_id IS NOT NULL AND next_query_at IS NULL`;
  const due = await findPaymentsToWake(db, { now, dueBefore: new Date(now.getTime() - graceMs), limit: wakeLimit });
  let woken = 0;
  for (const id of due) if (await scheduleReconcile({ paymentId: id, at: now })) woken++;
  return { expired, woken };
}
