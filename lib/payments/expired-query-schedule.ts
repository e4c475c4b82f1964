import type { Env } from "@/lib/env";
import type { QuerySchedule } from "@/lib/payments/query-schedule";

/**
 * When an expired payment whose outcome M-Pesa never confirmed is asked again (post-expiry
 * reconciliation). Pure, so it is unit-tested. Money can move after our deadline (the customer
 * paid while Daraja was unreachable, a prompt answered late), and Safaricom may never call back,
 * so such a payment keeps being asked for EXPIRED_RECONCILE_HOURS after its deadline:
 * - after a query that went unanswered (Daraja down, a timeout, spike arrest), again
 *   RECONCILE_AFTER_SECONDS later (at most RECONCILE_MAX_INTERVAL_SECONDS): an unanswered query
 *   says nothing, and the payment is found soon after Daraja answers again;
 * - after an answer that was not final ("still processing", a code nobody knows, our own
 *   configuration refused), after a wait that grows with the time since the deadline: a quarter
 *   of it, at least RECONCILE_MAX_INTERVAL_SECONDS and at most six hours — about 35 queries over
 *   three days at the defaults;
 * - the last query is at the end of the window.
 */

export interface ExpiredQuerySchedule extends QuerySchedule {
  /** 0: expired payments are not asked again. */
  expiredReconcileHours: number;
}

export const EXPIRED_BACKOFF_FRACTION = 0.25;
export const EXPIRED_MAX_WAIT_SECONDS = 6 * 3600;

/** The end of a payment's post-expiry window. */
export function expiredReconcileUntil(expiresAt: Date, schedule: Pick<ExpiredQuerySchedule, "expiredReconcileHours">): Date {
  return new Date(expiresAt.getTime() + schedule.expiredReconcileHours * 3600_000);
}

/**
 * The next query of an expired payment asked at `now` (or expired at `now` without an answer at
 * hand: pass `answered` true); null when the window is over.
 */
export function expiredQueryAt(now: Date, expiresAt: Date, answered: boolean, schedule: ExpiredQuerySchedule): Date | null {
  const until = expiredReconcileUntil(expiresAt, schedule);
  if (now.getTime() >= until.getTime()) return null;
  const quick = Math.min(schedule.reconcileAfterSeconds, schedule.reconcileMaxIntervalSeconds);
  const ageSeconds = Math.max(0, (now.getTime() - expiresAt.getTime()) / 1000);
  const grown = Math.min(EXPIRED_MAX_WAIT_SECONDS, Math.max(schedule.reconcileMaxIntervalSeconds, ageSeconds * EXPIRED_BACKOFF_FRACTION));
  const next = now.getTime() + (answered ? grown : quick) * 1000;
  return new Date(Math.min(next, until.getTime()));
}

/**
 * The first post-expiry query of a payment expired at `now` without a query answer at hand (by the
 * sweep, or by an admin): after the usual wait, as if M-Pesa had said "still processing"; null when
 * post-expiry reconciliation is off.
 */
export function firstExpiredQueryAt(now: Date, schedule: ExpiredQuerySchedule): Date | null {
  return schedule.expiredReconcileHours > 0 ? new Date(now.getTime() + schedule.reconcileMaxIntervalSeconds * 1000) : null;
}

/** The schedule of this process, from its settings. */
export function expiredQuerySchedule(env: Pick<Env, "payments">): ExpiredQuerySchedule {
  const { reconcileAfterSeconds, reconcileMaxIntervalSeconds, expiredReconcileHours } = env.payments;
  return { reconcileAfterSeconds, reconcileMaxIntervalSeconds, expiredReconcileHours };
}
