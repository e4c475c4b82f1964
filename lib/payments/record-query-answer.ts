import type { Db } from "@/lib/db/client";
import { inTransaction } from "@/lib/db/in-transaction";
import type { Payment, Prisma } from "@/lib/generated/prisma/client";
import type { ChargeFailure } from "@/lib/payments/charge";
import { EXPIRED_FAILURE } from "@/lib/payments/expire-payment";
import type { ExpiredQuerySchedule } from "@/lib/payments/expired-query-schedule";
import type { Observation } from "@/lib/payments/observation";
import { planNextQuery } from "@/lib/payments/plan-next-query";
import { recordPaymentEvent } from "@/lib/payments/record-payment-event";
import { applyDecision, decideLocked, type SettleResult } from "@/lib/payments/settle-payment";
import { lockPaymentStatus } from "@/lib/payments/transition";
import { scheduleReconcile } from "@/lib/jobs/queues/schedule-reconcile";

/** A rail's answer to "what became of this payment?", in the core's words (the rail builds it). */
export type QueryAnswer =
  /** Final: what happened, as an observation. */
  | { kind: "final"; observation: Observation; timeline: Record<string, unknown> }
  /** Not final yet ("still processing", a code nobody knows): ask again later. */
  | { kind: "pending"; detail: string; timeline: Record<string, unknown> }
  /** The provider refused Malipo's own configuration: an answer of sorts, it will not pass by asking soon. */
  | { kind: "refused"; explanation: string; failure: ChargeFailure; timeline: Record<string, unknown> }
  /** The question went unanswered; it says nothing about the payment. */
  | { kind: "unanswered"; failure: ChargeFailure; timeline: Record<string, unknown> };

export interface RecordQueryAnswerOptions {
  paymentId: string;
  /** The attempt asked about (the one whose provider id the query sent): a final answer settles that attempt. */
  attemptId?: string;
  answer: QueryAnswer;
  /** Who asked: the reconciler ("query") or an admin's re-check ("admin", with actorUserId). */
  source: "query" | "admin";
  actorUserId?: string | null;
  /** More for the timeline entry (what triggered the query, the admin's reason). */
  data?: Record<string, unknown>;
  /**
   * Given for the reconciler: an unfinished answer moves the payment on to its next query (a job
   * is queued for it), or, when this was the query at the deadline, expires it and starts its
   * post-expiry queries. An admin's re-check passes null and leaves the schedule alone.
   */
  schedule: ExpiredQuerySchedule | null;
  now: Date;
  /** An operator alert still raised for the payment's configuration, said on an expiry's timeline. */
  openConfigurationProblem?: (tx: Prisma.TransactionClient, payment: Payment) => Promise<string | null>;
  /** Runs last inside the transaction, with the payment before and after (an audit row, an alert). */
  onRecorded?: (tx: Prisma.TransactionClient, change: { before: Payment; after: Payment }) => Promise<void>;
}

export interface RecordedQueryAnswer {
  payment: Payment;
  /** A transition was made; the answer only recorded; or the payment expired after its last query. */
  outcome: "applied" | "recorded" | "expired";
  /** What the settle path made of a final answer. */
  verdict?: string;
}

/**
 * Records one status query answer on the payment's timeline and acts on it, in one transaction under
 * the payment's row lock. A final answer goes through the settle path (source "query"; an admin's
 * id is kept as the actor); a success has no receipt, so the payment is flagged receipt_missing
 * until a callback brings it. "Still processing" and unanswered queries never fail a payment: they
 * schedule the next query, and after the last one, made at or after the deadline, the payment
 * expires (the settle path's deadline, source "sweep") — and, its outcome still unconfirmed, keeps
 * being asked for EXPIRED_RECONCILE_HOURS (plan-next-query.ts): a success found then settles it
 * late; a final failure is recorded and leaves it expired.
 */
export async function recordQueryAnswer(db: Db, options: RecordQueryAnswerOptions): Promise<RecordedQueryAnswer> {
  const { paymentId, answer, source, actorUserId = null, schedule, now } = options;
  return inTransaction(db, async (tx) => {
    await lockPaymentStatus(tx, paymentId);
    const before = await tx.payment.findUniqueOrThrow({ where: { id: paymentId } });
    const queryCount = before.queryCount + 1;
    const observation = answer.kind === "final"
      ? { ...answer.observation, evidence: { ...answer.observation.evidence, queryNumber: queryCount }, ...(options.attemptId ? { attemptId: options.attemptId } : {}) }
      : null;
    const decided = observation ? await decideLocked(tx, before, observation) : null;
    const verdict = decided?.decision;
    const kind = answer.kind === "final" ? "final" : answer.kind === "unanswered" ? "unanswered" : "unfinished";
    const plan = planNextQuery({ status: before.status, expiresAt: before.expiresAt, answer: kind, queryCount, schedule, now });

    await recordPaymentEvent(tx, {
      paymentId, type: "query", source, actorUserId, fromStatus: before.status,
      data: { ...answer.timeline, queryNumber: queryCount, ...(plan.expires ? { last: true } : {}), ...(before.status === "EXPIRED" ? { afterExpiry: true } : {}),
        ...(plan.windowEnded ? { postExpiryWindowEnded: true } : {}), ...(verdict ? { verdict: verdict.kind } : {}),
        ...(verdict && "reason" in verdict ? { verdictReason: verdict.reason } : {}), ...options.data },
    });
    // The reconciler's answer ends its lease and sets the next query; an admin's unfinished re-check
    // leaves both to the reconciler.
    await tx.payment.update({
      where: { id: paymentId },
      data: { queryCount, lastQueriedAt: now, ...(schedule ? { queryLeaseUntil: null } : {}), ...(plan.nextQueryAt !== undefined ? { nextQueryAt: plan.nextQueryAt } : {}) },
    });

    let settled: SettleResult | null = null;
    if (observation && decided) {
      settled = await applyDecision(tx, { paymentId, input: observation, now, actorUserId, before, ...decided, recordUnchanged: false });
    } else if (plan.expires) {
      settled = await applyDecision(tx, {
        paymentId, now, before, decision: { kind: "expire" }, receiptTaken: false,
        input: { kind: "deadline", source: "sweep", patch: EXPIRED_FAILURE, data: { reason: await expiryReason(tx, before, answer, options.openConfigurationProblem), queryNumber: queryCount } },
      });
    }
    if (plan.nextQueryAt) await scheduleReconcile({ paymentId, at: plan.nextQueryAt, tx });

    const after = await tx.payment.findUniqueOrThrow({ where: { id: paymentId } });
    await options.onRecorded?.(tx, { before, after });
    const outcome = settled?.outcome !== "applied" ? "recorded" : observation ? "applied" : "expired";
    return { payment: after, outcome, verdict: verdict?.kind };
  });
}

/**
 * Why the payment expired, for its timeline: a configuration the provider refuses (in this answer,
 * or an alert still raised for it) is said in so many words — the payment was never really asked.
 */
async function expiryReason(tx: Prisma.TransactionClient, payment: Payment, answer: QueryAnswer, openProblem?: RecordQueryAnswerOptions["openConfigurationProblem"]): Promise<string> {
  const reason = "no final answer by the deadline, after a last status query";
  if (answer.kind === "refused") return `${reason}: ${answer.explanation}`;
  const problem = await openProblem?.(tx, payment);
  return problem ? `${reason}; meanwhile ${problem}` : reason;
}
