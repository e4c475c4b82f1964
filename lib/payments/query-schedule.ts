/**
 * When a pending payment's status is asked of M-Pesa (README, Reconciliation and expiry). Pure, so the schedule
 * is unit-tested: the first query RECONCILE_AFTER_SECONDS after acceptance, then waits that double
 * from the same base up to RECONCILE_MAX_INTERVAL_SECONDS, never past the deadline. The query made
 * at or after the deadline is the last one: if it has no final answer the payment expires.
 */

export interface QuerySchedule {
  reconcileAfterSeconds: number;
  reconcileMaxIntervalSeconds: number;
}

/** The first status query of a payment Daraja accepted at `acceptedAt`. */
export function firstQueryAt(acceptedAt: Date, expiresAt: Date, schedule: Pick<QuerySchedule, "reconcileAfterSeconds">): Date {
  return earliest(new Date(acceptedAt.getTime() + schedule.reconcileAfterSeconds * 1000), expiresAt);
}

/** Seconds to wait after the `queryCount`-th query (1 = the first) answered "ask again later". */
export function queryBackoffSeconds(queryCount: number, schedule: QuerySchedule): number {
  const doublings = Math.min(Math.max(queryCount - 1, 0), 20);
  return Math.min(schedule.reconcileMaxIntervalSeconds, schedule.reconcileAfterSeconds * 2 ** doublings);
}

/** A query made at `now` at or after the deadline was the payment's last. */
export function isLastQuery(now: Date, expiresAt: Date): boolean {
  return now.getTime() >= expiresAt.getTime();
}

/**
 * The next query after the `queryCount`-th answered "ask again later" at `now`: after the backoff,
 * or at the deadline if that comes first; null when this was the last query.
 */
export function nextQueryAt(now: Date, queryCount: number, expiresAt: Date, schedule: QuerySchedule): Date | null {
  if (isLastQuery(now, expiresAt)) return null;
  return earliest(new Date(now.getTime() + queryBackoffSeconds(queryCount, schedule) * 1000), expiresAt);
}

function earliest(a: Date, b: Date): Date {
  return a.getTime() <= b.getTime() ? a : b;
}
