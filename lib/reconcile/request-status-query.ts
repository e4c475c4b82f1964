import { consumeRateLimit } from "@/lib/rate-limit/consume-rate-limit";
import type { PrismaClient, Payment } from "@/lib/generated/prisma/client";
import { inTransaction } from "@/lib/db/in-transaction";
import { scheduleReconcile } from "@/lib/jobs/queues/schedule-reconcile";

export interface RequestStatusQueryOptions {
  payment: Payment;
  /** The last query (or the acceptance) must be at least this old. */
  minIntervalSeconds: number;
  /** Poll-requested queries per shortcode per second, shared by every web process. */
  ratePerSecond: number;
  shortcode: string;
  now?: Date;
}

/**
 * A storefront polling GET /api/v1/payments/{id} brings a pending payment's next status query
 * forward, so a storefront that cannot receive webhooks still converges. The route answers at once
 * with the payment as it stands; the reconciler makes the query (under the shared rate limit, after
 * payments due longer) and the next poll sees the outcome. At most one request per payment per
 * POLL_QUERY_MIN_INTERVAL_SECONDS gets through (a conditional update), and at most `ratePerSecond`
 * per shortcode per second (a shared counter), so polling cannot crowd out reconciliation.
 */
export async function requestStatusQuery(db: PrismaClient, options: RequestStatusQueryOptions): Promise<boolean> {
  const { payment, minIntervalSeconds, now = new Date() } = options;
  if (payment.status !== "PENDING" || !payment.checkoutRequestId) return false;
  const staleBefore = new Date(now.getTime() - minIntervalSeconds * 1000);
  const since = payment.lastQueriedAt ?? payment.acceptedAt ?? payment.createdAt;
  if (since > staleBefore || (payment.nextQueryAt !== null && payment.nextQueryAt <= now)) return false;
  const limit = await consumeRateLimit(db, { key: `poll_query:${options.shortcode}`, limit: options.ratePerSecond, windowSeconds: 1, now });
  if (!limit.allowed) return false;
  return inTransaction(db, async (tx) => {
    const { count } = await tx.payment.updateMany({
      where: {
        id: payment.id, status: "PENDING", nextQueryAt: { gt: now },
        OR: [{ lastQueriedAt: null, acceptedAt: { lte: staleBefore } }, { lastQueriedAt: { lte: staleBefore } }],
      },
      data: { nextQueryAt: now },
    });
    // Its own key: the payment's scheduled job may be waiting for a later time.
    if (count === 1) await scheduleReconcile({ paymentId: payment.id, at: now, tx, singletonKey: `poll:${payment.id}` });
    return count === 1;
  });
}
