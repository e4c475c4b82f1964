import type { Mode, PrismaClient } from "@/lib/generated/prisma/client";
import { createLogger, type Logger } from "@/lib/logger";
import type { QueryAnswer } from "@/lib/payments/record-query-answer";
import type { Rail } from "@/lib/rails/rail";
import { EXPIRED_FAILURE } from "@/lib/payments/expire-payment";
import { inTransaction } from "@/lib/db/in-transaction";
import { attemptIdForCheckout } from "@/lib/payments/payment-attempts";
import { settlePayment } from "@/lib/payments/settle-payment";
import { isOpenStatus } from "@/lib/payments/state";
import { recordRailAnswer } from "@/lib/reconcile/record-rail-answer";
import { claimDuePayment, countQueriesAhead, type ClaimedPayment } from "@/lib/reconcile/claim-due-payment";
import type { ExpiredQuerySchedule } from "@/lib/payments/expired-query-schedule";
import { reserveQuerySlot, waitUntil } from "@/lib/rate-limit/query-slots";
import { scheduleReconcile } from "@/lib/jobs/queues/schedule-reconcile";

export interface ReconcileSettings extends ExpiredQuerySchedule {
  queryRatePerSecond: number;
}

/** Which collection account a payment's queries go to (null: the environment's account of its mode). */
export interface PaymentAccountRef {
  mode: Mode;
  collectionAccountId: string | null;
}

/**
 * Where a payment's status queries go: the rail of its collection account (which asks its provider
 * with that account's credentials), the key its query rate is counted under (one per provider
 * account: Daraja's spike arrest counts per shortcode), and the provider's timeout.
 */
export interface QueryTarget {
  rail: Pick<Rail, "askStatus">;
  rateKey: string;
  timeoutMs: number;
}

export interface ReconcilePaymentOptions {
  paymentId: string;
  settings: ReconcileSettings;
  /** The payment's collection account's query target; null when it has no configuration. */
  queryTargetFor: (payment: PaymentAccountRef) => QueryTarget | null | Promise<QueryTarget | null>;
  now?: () => Date;
  signal?: AbortSignal;
  logger?: Logger;
  /** Queries one run makes at most before it hands over to a fresh job. */
  maxQueries?: number;
}

export type ReconcileOutcome = "missing" | "settled" | "not_due" | "in_flight" | "expired" | "rescheduled" | "handed_over";

// A slot is reserved at most this far ahead; past it the job waits in the queue, not in a worker.
const SLOT_HORIZON_MS = 2000;
const MAX_AHEAD_COUNTED = 100_000;

/**
 * The payments.reconcile job for one payment: brings it to its next status query, or to expiry.
 * Every query, whoever's job spends it, goes to the payment that has been due longest (so a backlog
 * drains oldest first) and waits for a shared rate slot (so all workers together stay under
 * QUERY_RATE_PER_SECOND per shortcode). The job keeps spending slots until its own payment has been
 * asked; when no slot is free soon it steps back into the queue for about as long as the queries
 * ahead of it will take. A payment with no CheckoutRequestID cannot be asked: it waits for its
 * callback, and expires at its deadline. An expired payment still being reconciled (next_query_at
 * set) is asked the same way, after every open payment that is due.
 */
export async function reconcilePayment(db: PrismaClient, options: ReconcilePaymentOptions): Promise<{ outcome: ReconcileOutcome; queried: number }> {
  const { paymentId, settings, signal } = options;
  const now = options.now ?? (() => new Date());
  const logger = (options.logger ?? createLogger("reconcile")).child({ paymentId });
  const maxQueries = options.maxQueries ?? 20;
  let queried = 0;
  const done = (outcome: ReconcileOutcome) => ({ outcome, queried });

  for (;;) {
    const payment = await db.payment.findUnique({
      where: { id: paymentId },
      select: { mode: true, collectionAccountId: true, status: true, checkoutRequestId: true, nextQueryAt: true, queryLeaseUntil: true, expiresAt: true },
    });
    if (!payment) return done("missing");
    const open = isOpenStatus(payment.status);
    const afterExpiry = payment.status === "EXPIRED" && payment.nextQueryAt !== null && payment.checkoutRequestId !== null;
    if (!open && !afterExpiry) return done("settled");
    const t = now();
    if (!payment.checkoutRequestId) {
      if (t < payment.expiresAt) {
        await scheduleReconcile({ paymentId, at: payment.expiresAt });
        return done("not_due");
      }
      const settled = await inTransaction(db, (tx) => settlePayment(tx, {
        paymentId, now: t,
        input: { kind: "deadline", source: "sweep", patch: EXPIRED_FAILURE, data: { reason: "no final answer by the deadline; without a CheckoutRequestID there was nothing to ask M-Pesa" } },
      }));
      return done(settled.outcome === "applied" ? "expired" : "settled");
    }
    // Whoever holds the lease records the answer and schedules what follows.
    if (payment.queryLeaseUntil && payment.queryLeaseUntil > t) return done("in_flight");
    const dueAt = payment.nextQueryAt ?? payment.expiresAt;
    if (dueAt > t) {
      await scheduleReconcile({ paymentId, at: dueAt });
      return done("not_due");
    }
    // Unscheduled (written before scheduling existed, or by hand): its deadline is its due time.
    if (!payment.nextQueryAt) await db.payment.updateMany({ where: { id: paymentId, nextQueryAt: null }, data: { nextQueryAt: dueAt } });
    if (queried >= maxQueries) {
      await scheduleReconcile({ paymentId, at: t });
      return done("handed_over");
    }

    // The slot, the claim and the query are all of this payment's account: its shortcode, its credentials.
    const target = await options.queryTargetFor(payment);
    const slot = target
      ? await reserveQuerySlot(db, { key: target.rateKey, ratePerSecond: settings.queryRatePerSecond, now: t, horizonMs: SLOT_HORIZON_MS })
      : t;
    if (!slot) {
      const ahead = await countQueriesAhead(db, { mode: payment.mode, collectionAccountId: payment.collectionAccountId, now: t, dueAt, cap: MAX_AHEAD_COUNTED, afterExpiry });
      const waitMs = Math.max(1000, Math.ceil((ahead / settings.queryRatePerSecond) * 1000));
      await scheduleReconcile({ paymentId, at: new Date(t.getTime() + waitMs) });
      return done("rescheduled");
    }
    if (!(await waitUntil(slot, signal))) {
      await scheduleReconcile({ paymentId, at: now() });
      return done("rescheduled");
    }
    // Two provider round trips (token and query) at most, plus a margin.
    const leaseMs = 2 * (target?.timeoutMs ?? 15_000) + 30_000;
    const claimed = await claimDuePayment(db, { mode: payment.mode, collectionAccountId: payment.collectionAccountId, now: now(), leaseMs });
    if (claimed) {
      await queryClaimed(db, claimed, target, settings, now, logger);
      queried++;
    }
  }
}

/** Asks the payment's rail about a claimed payment and applies the answer; an unconfigured account is a refused query. */
async function queryClaimed(db: PrismaClient, claimed: ClaimedPayment, target: QueryTarget | null, settings: ReconcileSettings, now: () => Date, logger: Logger) {
  const answer = target ? await target.rail.askStatus(claimed.checkoutRequestId) : notConfiguredAnswer(claimed.mode);
  const attemptId = await attemptIdForCheckout(db, claimed.checkoutRequestId);
  const applied = await recordRailAnswer(db, { paymentId: claimed.id, attemptId, answer, source: "query", schedule: settings, now: now() });
  logger.info({ queriedPaymentId: claimed.id, answer: answer.kind, outcome: applied.outcome, status: applied.payment.status }, "status query answered");
}

/** What asking comes to when the payment's account has no provider configuration: Malipo's own configuration refuses it. */
function notConfiguredAnswer(mode: Mode): QueryAnswer {
  const message = `no payment provider is configured for ${mode === "LIVE" ? "live" : "test"} payments`;
  return {
    kind: "refused",
    failure: { kind: "configuration", message, httpStatus: null, errorCode: null, errorMessage: null, field: null },
    explanation: `${message}, so M-Pesa could not be asked whether it was paid`,
    timeline: { answer: "error", detail: message, errorKind: "configuration" },
  };
}
