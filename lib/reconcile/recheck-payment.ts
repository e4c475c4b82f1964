import { getEnv, type Env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { Payment, Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { attemptIdForCheckout } from "@/lib/payments/payment-attempts";
import { requireReason } from "@/lib/payments/require-reason";
import { recordRailAnswer } from "@/lib/reconcile/record-rail-answer";
import type { QueryAnswer, RecordedQueryAnswer } from "@/lib/payments/record-query-answer";
import { reserveQuerySlot, waitUntil } from "@/lib/rate-limit/query-slots";
import type { QueryTarget } from "@/lib/reconcile/reconcile-payment";
import { queryTargetFor } from "@/lib/reconcile/reconcile-settings";

export interface RecheckPaymentOptions {
  paymentId: string;
  actorUserId: string;
  reason: string;
  /** Defaults: the process's configuration and the rail of the payment's collection account. */
  env?: Env;
  target?: QueryTarget;
  /** How long to wait for a free query slot before refusing with rate_limited (default 3 s). */
  maxWaitMs?: number;
  /** Runs inside the transaction that records the answer: write the audit row here. */
  onRecorded?: (tx: Prisma.TransactionClient, change: { before: Payment; after: Payment }) => Promise<void>;
}

export interface RecheckPaymentResult {
  payment: Payment;
  /** "error": no answer about the payment (unreachable, or our configuration refused). */
  answer: "final" | "pending" | "error";
  resultCode: string | null;
  /** What M-Pesa said, for the admin: the result description, or why there was no answer. */
  description: string;
  /** "applied": the answer moved the payment; "recorded": it is only on the timeline. */
  outcome: RecordedQueryAnswer["outcome"];
}

/**
 * An admin's "re-check now": asks M-Pesa for the payment's status at once (taking a slot of the
 * shared query rate, so it cannot trip spike arrest), records the question and answer on the
 * timeline as a `query` entry with source "admin", the admin's id and reason, and applies a final
 * answer by the same rules as the reconciler's: the transition's source is "query" (M-Pesa's answer
 * decided it), its actor the admin. Any status may be re-checked: a success found after an expiry
 * settles the payment late, after a failure it goes to REVIEW. An unfinished answer changes nothing
 * and leaves the reconciler's schedule as it was. It calls the provider, so pass the client, not a
 * transaction; `onRecorded` runs in the transaction that records the answer.
 */
export async function recheckPayment(db: PrismaClient, options: RecheckPaymentOptions): Promise<RecheckPaymentResult> {
  const { paymentId, actorUserId } = options;
  const why = requireReason(options.reason);
  const payment = await db.payment.findUnique({ where: { id: paymentId }, select: { mode: true, checkoutRequestId: true, collectionAccountId: true } });
  if (!payment) throw new AppError("not_found", `No such payment: ${paymentId}`, { param: "paymentId" });
  if (!payment.checkoutRequestId) {
    throw new AppError("invalid_state", "M-Pesa never acknowledged this payment's push (no CheckoutRequestID), so there is nothing to ask it; wait for the callback or the deadline");
  }
  const env = options.env ?? getEnv();
  const target = options.target ?? (await queryTargetFor(db, env, payment));
  if (!target) throw new AppError("service_unavailable", `${payment.mode === "LIVE" ? "Live" : "Test"} payments are not configured on this gateway`);

  const slot = await reserveQuerySlot(db, { key: target.rateKey, ratePerSecond: env.payments.queryRatePerSecond, now: new Date(), horizonMs: options.maxWaitMs ?? 3000 });
  if (!slot) throw new AppError("rate_limited", "M-Pesa status queries are at their rate limit right now; try again in a few seconds");
  await waitUntil(slot);
  const answer = await target.rail.askStatus(payment.checkoutRequestId);
  const attemptId = await attemptIdForCheckout(db, payment.checkoutRequestId);
  const applied = await recordRailAnswer(db, {
    paymentId, attemptId, answer, source: "admin", actorUserId, data: { trigger: "admin", reason: why }, schedule: null, now: new Date(), onRecorded: options.onRecorded,
  });
  return { payment: applied.payment, ...said(answer), outcome: applied.outcome };
}

/** The rail's answer in the admin's words: its kind, the result code, and what M-Pesa said. */
function said(answer: QueryAnswer): Pick<RecheckPaymentResult, "answer" | "resultCode" | "description"> {
  switch (answer.kind) {
    case "final":
      return { answer: "final", resultCode: answer.observation.resultCode, description: answer.observation.resultDescription || answer.observation.reason || "" };
    case "pending":
      return { answer: "pending", resultCode: null, description: answer.detail };
    case "refused":
    case "unanswered":
      return { answer: "error", resultCode: null, description: answer.failure.message };
  }
}
