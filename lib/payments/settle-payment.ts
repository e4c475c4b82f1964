import type { Payment, PaymentStatus, Prisma } from "@/lib/generated/prisma/client";
import { decide, decideDeadline, type Deadline, type Decision } from "@/lib/payments/decide";
import { emitPaymentEvent } from "@/lib/payments/emit-payment-event";
import { reportsTransaction, type Observation } from "@/lib/payments/observation";
import { lockPaymentRow } from "@/lib/payments/lock-payment-row";
import { attemptFacts, attemptObservationWrite, expireAttempts, recordAttemptObservation, type ObservedAttempt } from "@/lib/payments/payment-attempts";
import { readSettleFacts, type SettleFacts } from "@/lib/payments/read-settle-facts";
import { recordPaymentEvent, type PaymentEventSource } from "@/lib/payments/record-payment-event";
import { transitionPayment, transitionPayments, type PaymentPatch } from "@/lib/payments/transition";
import { compareReportedPhone } from "@/lib/phone/compare-reported-phone";
import type { PaymentValues } from "@/lib/payments/payment-columns";

/** Malipo's deadline as the settle path takes it: who called it, and what it writes. */
export interface DeadlineInput extends Deadline {
  source: Extract<PaymentEventSource, "sweep" | "admin">;
  /** Plain values: the sweep sets them on a whole batch in one statement. */
  patch: PaymentValues;
  data: Record<string, unknown>;
}

export interface SettleOptions {
  paymentId: string;
  input: Observation | DeadlineInput;
  now: Date;
  /** The admin behind it (a resolution, a re-check, an expiry). */
  actorUserId?: string | null;
  /** Fields a transition also writes (ids a callback brings before the push's answer is stored). */
  patch?: PaymentPatch;
  /**
   * Whether an observation that changes nothing gets a `duplicate` / `stale` entry of its own
   * (default). A status query passes false: its own `query` entry carries the verdict.
   */
  recordUnchanged?: boolean;
  /**
   * The caller already holds the payment's row lock in `tx` and read the row (lockPaymentRow) and
   * then the facts (readSettleFacts) under it: neither is done again. Callback processing, which
   * needs both to match the callback, passes them.
   */
  lockHeld?: { payment: Payment; facts: SettleFacts };
}

export interface SettleResult {
  decision: Decision;
  /** applied: the payment changed; duplicate / stale: recorded only; refused: an admin's resolution was not possible. */
  outcome: "applied" | "duplicate" | "stale" | "refused" | "waiting";
  reason?: string;
  before: Payment;
  /** The payment as the settle path left it, still under its row lock (the same row as `before` when nothing was written). */
  after: Payment;
}

/**
 * THE settle path: every source that learns what happened to a payment — callback processing,
 * status query answers, admin resolution, the expiry sweep, and later the ledger and refunds —
 * comes through here, in the caller's transaction. It locks the payment, decides (decide.ts) and
 * carries the decision out through transitionPayment, with the timeline entry and the storefront
 * event. Field writes live here and nowhere else.
 */
export async function settlePayment(tx: Prisma.TransactionClient, options: SettleOptions): Promise<SettleResult> {
  const before = options.lockHeld?.payment ?? (await lockPaymentRow(tx, options.paymentId));
  return applyDecision(tx, { ...options, before, ...(await decideLocked(tx, before, options.input, options.lockHeld?.facts)) });
}

/**
 * The settle path for a batch at Malipo's deadline (the expiry sweep): the same decision for each
 * payment, carried out by one set-based transition (transitionPayments). The caller holds the rows'
 * locks (SELECT … FOR UPDATE) in `tx`, so the statuses it passes are exact. Returns the expired rows.
 */
export async function settleDeadlines(tx: Prisma.TransactionClient, { locked, input, now }: { locked: readonly { id: string; status: PaymentStatus }[]; input: DeadlineInput; now: Date }): Promise<Payment[]> {
  const due = locked.filter((p) => decideDeadline(p.status).kind === "expire");
  const expired = await transitionPayments(tx, { locked: due, event: "expire", source: input.source, patch: input.patch, data: input.data, now });
  await expireAttempts(tx, expired.map((p) => p.id));
  return expired;
}

/**
 * The decision for a payment already locked and read by the caller (a status query records its
 * question and the verdict first, then applies it).
 */
export async function decideLocked(
  tx: Prisma.TransactionClient, before: Payment, input: Observation | DeadlineInput, known?: SettleFacts,
): Promise<{ decision: Decision; receiptTaken: boolean; attempt: ObservedAttempt | null }> {
  // A deadline needs neither; an observation its attempts and its receipt's owner, read together.
  const needed = !("kind" in input) && (input.receipt !== undefined || input.attemptId !== undefined);
  const facts = known ?? (needed ? await readSettleFacts(tx, before.id, "kind" in input ? undefined : input.receipt) : null);
  const receiptOwnerId = facts?.receiptOwnerId ?? null;
  const attempt = "kind" in input || !facts ? null : attemptFacts(input.attemptId, facts.attempts);
  return { decision: decide(before, input, receiptOwnerId, attempt), receiptTaken: receiptOwnerId !== null, attempt };
}

export interface ApplyDecisionOptions extends SettleOptions {
  /** The payment as read while holding its row lock in `tx` (its status is the transition's `from`). */
  before: Payment;
  decision: Decision;
  /** The observation's receipt already belongs to another payment: it must not be stored on this one. */
  receiptTaken: boolean;
  /** The attempt the observation answers, when it names one. */
  attempt?: ObservedAttempt | null;
}

export async function applyDecision(tx: Prisma.TransactionClient, options: ApplyDecisionOptions): Promise<SettleResult> {
  const { before, decision, input, now, actorUserId = null } = options;
  // The attempt's own record: what the rail said of that push, whatever it does to the payment. With
  // its status known (read under the lock), it rides in the next statement the decision sends
  // (carry); when the decision sends none, it goes alone before the result is returned (done).
  let pending: Prisma.Sql | null = null;
  const carry = (): Prisma.Sql[] => {
    const writes = pending ? [pending] : [];
    pending = null;
    return writes;
  };
  const done = async (outcome: SettleResult["outcome"], reason?: string, after: Payment = before): Promise<SettleResult> => {
    const [unsent] = carry();
    if (unsent) await tx.$executeRaw(unsent);
    return { decision, outcome, reason, before, after };
  };
  if ("kind" in input) {
    if (decision.kind !== "expire") return done("stale", decision.kind === "stale" ? decision.reason : undefined);
    const result = await transitionPayment(tx, { paymentId: before.id, event: "expire", source: input.source, actorUserId, patch: input.patch, data: input.data, now, lockedStatus: before.status });
    if (result.kind === "applied") await expireAttempts(tx, [before.id]);
    return done(result.kind === "applied" ? "applied" : "stale", undefined, result.payment);
  }
  const observation = input;
  const attempt = options.attempt ?? null;
  if (observation.attemptId && !attempt) await recordAttemptObservation(tx, observation.attemptId, observation, now);
  if (observation.attemptId && attempt) pending = attemptObservationWrite(observation.attemptId, attempt.status, observation, now);
  const base = { paymentId: before.id, source: observation.source, callbackLogId: observation.evidence.callbackLogId ?? null, actorUserId };
  const transaction = reportsTransaction(observation);
  const phoneCheck = transaction ? compareReportedPhone(before.phone, observation.phone).kind : undefined;
  const data = { ...observation.details, ...(phoneCheck ? { phoneCheck } : {}), ...(attempt ? { attempt: attempt.sequence } : {}) };
  const reported: PaymentPatch = {
    resultCode: observation.resultCode,
    resultDesc: observation.resultDescription,
    ...(transaction ? { mpesaAmount: Number.isInteger(observation.amount) ? observation.amount : null, mpesaPhone: observation.phone ?? null, transactionDate: observation.occurredAt ?? null } : {}),
  };
  const transition = async (event: "succeed" | "fail" | "cancel" | "review" | "resolve", patch: PaymentPatch, extra: Record<string, unknown> = {}, to?: "SUCCEEDED" | "FAILED") => {
    const result = await transitionPayment(tx, { ...base, event, to, patch: { ...options.patch, ...patch }, data: { ...data, ...extra }, now, lockedStatus: before.status, alongside: carry() });
    return result.kind === "applied"
      ? done("applied", typeof extra.reason === "string" && event === "review" ? extra.reason : undefined, result.payment)
      : done("stale", `the payment was ${result.from} and could not ${event}`, result.payment);
  };

  switch (decision.kind) {
    case "succeed":
      return transition("succeed", {
        ...reported,
        ...(transaction ? { mpesaReceipt: observation.receipt ?? null, receiptMissing: observation.receipt === undefined } : { receiptMissing: before.mpesaReceipt === null }),
        late: decision.late, failureCode: null, failureMessage: null,
      }, decision.late ? { late: true } : {});
    case "fail":
    case "cancel":
      return transition(decision.kind, {
        resultCode: observation.resultCode, resultDesc: observation.resultDescription,
        failureCode: observation.failureCode ?? "mpesa_failed", failureMessage: observation.reason ?? observation.resultDescription,
      });
    case "review": {
      // Kept on the payment whatever its review concludes: the money came from another phone.
      const mismatch: PaymentPatch = observation.result === "succeeded" && phoneCheck === "different" ? { phoneMismatch: true } : {};
      // A payment that already succeeded keeps what it recorded; the review reason says what clashed.
      const keepReceipt = options.receiptTaken || before.mpesaReceipt !== null || observation.receipt === undefined;
      const patch: PaymentPatch = before.status === "SUCCEEDED"
        ? { reviewReason: decision.reason, ...mismatch }
        : { ...reported, ...mismatch, reviewReason: decision.reason, ...(keepReceipt ? {} : { mpesaReceipt: observation.receipt }) };
      return transition("review", patch, { reason: decision.reason });
    }
    case "resolve":
      return transition("resolve", decision.to === "SUCCEEDED"
        ? { failureCode: null, failureMessage: null, receiptMissing: before.mpesaReceipt === null }
        : { failureCode: "review_failed", failureMessage: "The payment was marked as failed after review" }, {}, decision.to);
    case "fill_receipt": {
      const { count } = await tx.payment.updateMany({
        where: { id: before.id, status: "SUCCEEDED", mpesaReceipt: null },
        data: { mpesaReceipt: observation.receipt, receiptMissing: false, mpesaPhone: reported.mpesaPhone, transactionDate: reported.transactionDate },
      });
      await recordPaymentEvent(tx, { ...base, type: "receipt_filled", data }, carry());
      if (count === 0) return done("applied");
      // The storefront was told of the success without a receipt: it hears of the receipt too.
      const filled = await tx.payment.findUniqueOrThrow({ where: { id: before.id } });
      await emitPaymentEvent(tx, filled, "payment.updated", now);
      return done("applied", undefined, filled);
    }
    case "duplicate":
      if (options.recordUnchanged !== false) await recordPaymentEvent(tx, { ...base, type: "duplicate", fromStatus: before.status, data }, carry());
      return done("duplicate");
    case "stale":
      if (options.recordUnchanged !== false) await recordPaymentEvent(tx, { ...base, type: "stale", fromStatus: before.status, data: { ...data, reason: decision.reason } }, carry());
      // A final failure after the deadline confirms the outcome: kept, and no more post-expiry queries.
      // Only the latest attempt's: an earlier attempt's answer says nothing of the one expired.
      if (before.status === "EXPIRED" && observation.result !== "succeeded" && (attempt === null || attempt.latest)) {
        const [confirmed] = await tx.payment.updateManyAndReturn({ where: { id: before.id, status: "EXPIRED" }, data: { resultCode: observation.resultCode, resultDesc: observation.resultDescription, nextQueryAt: null } });
        return done("stale", decision.reason, confirmed ?? before);
      }
      return done("stale", decision.reason);
    case "refuse":
      return done("refused", decision.reason);
    case "wait":
    case "expire":
      return done("waiting");
  }
}
