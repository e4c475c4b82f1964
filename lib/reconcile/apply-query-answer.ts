import { DARAJA_CONFIGURATION_KIND, raiseDarajaConfigurationAlert, resolveDarajaConfigurationAlert } from "@/lib/alerts/daraja-configuration-alert";
import type { Db } from "@/lib/db/client";
import type { Payment, Prisma } from "@/lib/generated/prisma/client";
import type { StkQueryResult } from "@/lib/mpesa/client";
import { decideQueryAction } from "@/lib/payments/decide-query-action";
import { EXPIRED_FAILURE } from "@/lib/payments/expire-payment";
import { failureCodeFor } from "@/lib/payments/failure-codes";
import { inTransaction } from "@/lib/db/in-transaction";
import { recordPaymentEvent } from "@/lib/payments/record-payment-event";
import { lockPaymentStatus, transitionPayment, type PaymentPatch } from "@/lib/payments/transition";
import type { ExpiredQuerySchedule } from "@/lib/payments/expired-query-schedule";
import { planNextQuery } from "@/lib/payments/plan-next-query";
import { scheduleReconcile } from "@/lib/jobs/queues/schedule-reconcile";

export interface ApplyQueryAnswerOptions {
  paymentId: string;
  answer: StkQueryResult;
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
  /** Runs last inside the transaction, with the payment before and after (an audit row, say). */
  onRecorded?: (tx: Prisma.TransactionClient, change: { before: Payment; after: Payment }) => Promise<void>;
}

export interface AppliedQueryAnswer {
  payment: Payment;
  /** A transition was made; the answer only recorded; or the payment expired after its last query. */
  outcome: "applied" | "recorded" | "expired";
  /** What the decision rules made of a final answer. */
  verdict?: string;
}

/**
 * Records one STK query answer on the payment's timeline and acts on it, in one transaction under
 * the payment's row lock. A final answer goes through the callback decision rules and
 * transitionPayment (source "query"; an admin's id is kept as the actor); a success has no receipt,
 * so the payment is flagged receipt_missing until a callback brings it. "Still processing" and
 * unanswered queries never fail a payment: they schedule the next query, and after the last one,
 * made at or after the deadline, the payment expires (source "sweep") — and, its outcome still
 * unconfirmed, keeps being asked for EXPIRED_RECONCILE_HOURS (see plan-next-query.ts): a success
 * found then settles it late; a final failure is recorded and leaves it expired.
 */
export async function applyQueryAnswer(db: Db, options: ApplyQueryAnswerOptions): Promise<AppliedQueryAnswer> {
  const { paymentId, answer, source, actorUserId = null, schedule, now } = options;
  return inTransaction(db, async (tx) => {
    await lockPaymentStatus(tx, paymentId);
    const before = await tx.payment.findUniqueOrThrow({ where: { id: paymentId } });
    const queryCount = before.queryCount + 1;
    const action = answer.kind === "final" ? decideQueryAction(before, { resultCode: answer.resultCode, outcome: answer.classification.outcome as "succeeded" | "failed" | "cancelled" }) : null;
    // Our own configuration refused is an answer of sorts: it will not pass by asking again soon.
    const kind = answer.kind === "final" ? "final" : answer.kind === "error" && answer.error.kind !== "configuration" ? "unanswered" : "unfinished";
    const plan = planNextQuery({ status: before.status, expiresAt: before.expiresAt, answer: kind, queryCount, schedule, now });

    await recordPaymentEvent(tx, {
      paymentId, type: "query", source, actorUserId, fromStatus: before.status,
      data: { ...describeAnswer(answer), queryNumber: queryCount, ...(plan.expires ? { last: true } : {}), ...(before.status === "EXPIRED" ? { afterExpiry: true } : {}),
        ...(plan.windowEnded ? { postExpiryWindowEnded: true } : {}), ...(action ? { verdict: action.kind } : {}),
        ...(action && "reason" in action ? { verdictReason: action.reason } : {}), ...options.data },
    });
    // The reconciler's answer ends its lease and sets the next query; an admin's unfinished re-check
    // leaves both to the reconciler.
    await tx.payment.update({
      where: { id: paymentId },
      data: { queryCount, lastQueriedAt: now, ...(schedule ? { queryLeaseUntil: null } : {}), ...(plan.nextQueryAt !== undefined ? { nextQueryAt: plan.nextQueryAt } : {}) },
    });

    let outcome: AppliedQueryAnswer["outcome"] = "recorded";
    const transition = { paymentId, source: "query" as const, actorUserId, now };
    if (answer.kind === "final" && action && ["succeed", "fail", "cancel", "review"].includes(action.kind)) {
      const reported = { resultCode: answer.resultCode, resultDesc: answer.resultDesc };
      const via = { via: "query", resultCode: answer.resultCode };
      const result = action.kind === "succeed"
        ? await transitionPayment(tx, { ...transition, event: "succeed", data: { ...via, ...(action.late ? { late: true } : {}) },
          patch: { ...reported, receiptMissing: before.mpesaReceipt === null, late: action.late, failureCode: null, failureMessage: null } })
        : action.kind === "review"
          ? await transitionPayment(tx, { ...transition, event: "review", data: { ...via, reason: action.reason }, patch: reviewPatch(before, reported, action.reason) })
          : await transitionPayment(tx, { ...transition, event: action.kind as "fail" | "cancel", data: via,
            patch: { ...reported, failureCode: failureCodeFor(answer.resultCode), failureMessage: answer.classification.reason } });
      if (result.kind === "applied") outcome = "applied";
    } else if (answer.kind === "final" && before.status === "EXPIRED") {
      // A final failure after the deadline: M-Pesa's answer is kept, and the payment stays expired.
      await tx.payment.update({ where: { id: paymentId }, data: { resultCode: answer.resultCode, resultDesc: answer.resultDesc } });
    } else if (plan.expires) {
      const result = await transitionPayment(tx, { ...transition, source: "sweep", event: "expire", patch: EXPIRED_FAILURE, data: { reason: await expiryReason(tx, before, answer), queryNumber: queryCount } });
      if (result.kind === "applied") outcome = "expired";
    }
    if (plan.nextQueryAt) await scheduleReconcile({ paymentId, at: plan.nextQueryAt, tx });

    // Daraja refusing our own configuration is an operator's problem: raised until it answers again.
    if (answer.kind === "error" && answer.error.kind === "configuration") await raiseDarajaConfigurationAlert(tx, { mode: before.mode, error: answer.error, during: "status query", now });
    else if (answer.kind !== "error") await resolveDarajaConfigurationAlert(tx, { mode: before.mode, now });

    const after = await tx.payment.findUniqueOrThrow({ where: { id: paymentId } });
    await options.onRecorded?.(tx, { before, after });
    return { payment: after, outcome, verdict: action?.kind };
  });
}

/**
 * Why the payment expired, for its timeline: a configuration Daraja refuses (in this answer, or an
 * alert still raised for the mode) is said in so many words — the payment was never really asked.
 */
async function expiryReason(tx: Prisma.TransactionClient, payment: Payment, answer: StkQueryResult): Promise<string> {
  const reason = "no final answer by the deadline, after a last status query";
  if (answer.kind === "error" && answer.error.kind === "configuration") {
    return `${reason}: Daraja refused Malipo's configuration (${answer.error.message}), so M-Pesa could not say whether it was paid; fix the DARAJA_* settings`;
  }
  const alert = await tx.operatorAlert.findFirst({ where: { kind: DARAJA_CONFIGURATION_KIND, mode: payment.mode, resolvedAt: null }, select: { message: true } });
  return alert ? `${reason}; meanwhile ${alert.message}` : reason;
}

/** A payment that already succeeded keeps what it recorded; others take the answer's result. */
function reviewPatch(payment: Payment, reported: { resultCode: string; resultDesc: string }, reason: string): PaymentPatch {
  return payment.status === "SUCCEEDED" ? { reviewReason: reason } : { ...reported, reviewReason: reason };
}

/** The answer as the timeline shows it. */
export function describeAnswer(answer: StkQueryResult): Record<string, unknown> {
  switch (answer.kind) {
    case "final":
      return { answer: "final", resultCode: answer.resultCode, resultDesc: answer.resultDesc };
    case "pending":
      return { answer: "pending", detail: answer.reason, resultCode: answer.resultCode };
    case "error":
      return { answer: "error", detail: answer.error.message, errorKind: answer.error.kind, errorCode: answer.error.errorCode ?? undefined, httpStatus: answer.error.httpStatus ?? undefined };
  }
}
