import type { PaymentStatus } from "@/lib/generated/prisma/client";
import { expiredQueryAt, type ExpiredQuerySchedule } from "@/lib/payments/expired-query-schedule";
import { isLastQuery, nextQueryAt } from "@/lib/payments/query-schedule";
import { isOpenStatus } from "@/lib/payments/state";

/** What a query told us, as far as scheduling goes. */
export type AnswerKind = "final" | "unfinished" | "unanswered";

export interface NextQueryPlan {
  /** undefined: leave the schedule as it is (an admin's re-check of an unsettled payment). */
  nextQueryAt: Date | null | undefined;
  /** The query at (or after) the deadline of an open payment found nothing final: it expires now. */
  expires: boolean;
  /** The payment had expired, and this was its last post-expiry query: the window is over. */
  windowEnded: boolean;
}

export interface PlanNextQueryOptions {
  status: PaymentStatus;
  expiresAt: Date;
  answer: AnswerKind;
  /** The payment's query count including this one. */
  queryCount: number;
  /** The reconciler's schedule; null for an admin's re-check, which never moves it. */
  schedule: ExpiredQuerySchedule | null;
  now: Date;
}

/**
 * What follows a status query answer (pure): the next query of an open payment (backoff up to its
 * deadline), expiry after the query at the deadline, post-expiry queries of an expired payment
 * until its window ends. A final answer ends the schedule, whoever asked.
 */
export function planNextQuery({ status, expiresAt, answer, queryCount, schedule, now }: PlanNextQueryOptions): NextQueryPlan {
  const plan: NextQueryPlan = { nextQueryAt: null, expires: false, windowEnded: false };
  if (answer === "final") return plan;
  if (schedule === null) return { ...plan, nextQueryAt: undefined };
  const answered = answer === "unfinished";
  if (isOpenStatus(status)) {
    if (!isLastQuery(now, expiresAt)) return { ...plan, nextQueryAt: nextQueryAt(now, queryCount, expiresAt, schedule) };
    return { ...plan, expires: true, nextQueryAt: expiredQueryAt(now, expiresAt, answered, schedule) };
  }
  if (status === "EXPIRED") {
    const next = expiredQueryAt(now, expiresAt, answered, schedule);
    return { ...plan, windowEnded: next === null, nextQueryAt: next };
  }
  return plan;
}
