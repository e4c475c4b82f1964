import type { Db } from "@/lib/db/client";
import { Prisma, type AttemptStatus, type PaymentAttempt } from "@/lib/generated/prisma/client";
import { createId } from "@/lib/ids";
import { ACKNOWLEDGED, attemptStatusAfter, LIVE_ATTEMPT_STATUSES, UNPAID_ATTEMPT_STATUSES, UNSETTLED_ATTEMPT_STATUSES } from "@/lib/payments/attempt-state";
import type { AttemptFacts } from "@/lib/payments/decide";
import type { Observation } from "@/lib/payments/observation";

/** The rail's ids of one push, as its acknowledgement (or a callback that beat it) gave them. */
export interface AttemptIds {
  checkoutRequestId: string;
  merchantRequestId: string;
}

/**
 * The writes of payment_attempts, in the caller's transaction. Only the settle path, the push
 * (push-attempt.ts) and a retry (retry-payment.ts) call these; the statuses follow attempt-state.ts.
 */
export async function createAttempt(tx: Prisma.TransactionClient, data: { paymentId: string; sequence: number; collectionAccountId: string | null; requestedBy?: string | null; reason?: string | null; now: Date }): Promise<PaymentAttempt> {
  return tx.paymentAttempt.create({
    data: {
      id: createId("att"), paymentId: data.paymentId, sequence: data.sequence, collectionAccountId: data.collectionAccountId,
      requestedBy: data.requestedBy ?? null, reason: data.reason ?? null, createdAt: data.now,
    },
  });
}

export async function latestAttempt(db: Db, paymentId: string): Promise<PaymentAttempt | null> {
  return db.paymentAttempt.findFirst({ where: { paymentId }, orderBy: { sequence: "desc" } });
}

export async function attemptsOf(db: Db, paymentId: string): Promise<PaymentAttempt[]> {
  return db.paymentAttempt.findMany({ where: { paymentId }, orderBy: { sequence: "asc" } });
}

/** The attempt a status query asks about: the one holding the CheckoutRequestID it sent. */
export async function attemptIdForCheckout(db: Db, checkoutRequestId: string): Promise<string | undefined> {
  const attempt = await db.paymentAttempt.findUnique({ where: { checkoutRequestId }, select: { id: true } });
  return attempt?.id;
}

/**
 * A callback (or a stored-late acknowledgement) brought the attempt's ids: they are stored once;
 * the status is the settle path's to change.
 */
export async function recordAttemptIds(tx: Prisma.TransactionClient, attemptId: string, ids: AttemptIds): Promise<void> {
  await tx.paymentAttempt.updateMany({ where: { id: attemptId, checkoutRequestId: null }, data: ids });
}

/**
 * The rail acknowledged the push: the ids are stored once and an attempt still initiating is now
 * pending, in one UPDATE, as a statement to put beside another (lib/db/writes-alongside.ts): every
 * accepted push sends it in its timeline entry's statement (push-attempt.ts).
 */
export function acknowledgedAttemptIds(attemptId: string, ids: AttemptIds): Prisma.Sql {
  return Prisma.sql`
    UPDATE payment_attempts
       SET merchant_request_id = CASE WHEN checkout_request_id IS NULL THEN ${ids.merchantRequestId} ELSE merchant_request_id END,
           checkout_request_id = COALESCE(checkout_request_id, ${ids.checkoutRequestId}),
           status = CASE WHEN status = ${ACKNOWLEDGED.from}::"AttemptStatus" THEN ${ACKNOWLEDGED.to}::"AttemptStatus" ELSE status END,
           updated_at = now()
     WHERE id = ${attemptId}`;
}

/** The push's answer never came (or could not be stored): the prompt may be on the phone. */
export async function markAttemptUnknown(tx: Prisma.TransactionClient, attemptId: string): Promise<void> {
  await tx.paymentAttempt.updateMany({ where: { id: attemptId, status: { in: [...LIVE_ATTEMPT_STATUSES] } }, data: { status: "UNKNOWN" } });
}

/**
 * A push whose answer never came, on a rail that names its own query reference: the attempt keeps
 * that reference, so the status query's answer is recorded against it.
 */
export async function recordAttemptReference(tx: Prisma.TransactionClient, attemptId: string, checkoutRequestId: string): Promise<void> {
  await tx.paymentAttempt.updateMany({ where: { id: attemptId, checkoutRequestId: null }, data: { checkoutRequestId } });
}

/** The rail refused the push: nothing reached the phone. */
export async function markAttemptRefused(tx: Prisma.TransactionClient, attemptId: string, now: Date): Promise<void> {
  await tx.paymentAttempt.updateMany({ where: { id: attemptId, status: "INITIATING" }, data: { status: "FAILED", completedAt: now } });
}

/** What an observation says of its attempt, whatever it does to the payment (attemptStatusAfter). */
export async function recordAttemptObservation(
  tx: Prisma.TransactionClient, attemptId: string, observation: Pick<Observation, "result" | "resultCode">, now: Date, knownStatus?: AttemptStatus,
): Promise<void> {
  const status = knownStatus ?? (await tx.paymentAttempt.findUnique({ where: { id: attemptId }, select: { status: true } }))?.status;
  const write = status ? attemptObservationWrite(attemptId, status, observation, now) : null;
  if (write) await tx.$executeRaw(write);
}

/**
 * The UPDATE recordAttemptObservation sends, for a caller that sends it along with another
 * statement (the settle path, which read the attempt's status under the payment's row lock — every
 * writer of attempts takes that lock first). Null when the observation changes nothing.
 */
export function attemptObservationWrite(attemptId: string, status: AttemptStatus, observation: Pick<Observation, "result" | "resultCode">, now: Date): Prisma.Sql | null {
  const next = attemptStatusAfter(status, observation.result);
  if (!next) return null;
  const final = next === "SUCCEEDED" || (UNPAID_ATTEMPT_STATUSES as readonly string[]).includes(next);
  return Prisma.sql`
    UPDATE payment_attempts
       SET status = ${next}::"AttemptStatus", result_code = ${observation.resultCode}, completed_at = CASE WHEN ${final} THEN ${now} ELSE completed_at END, updated_at = now()
     WHERE id = ${attemptId}`;
}

/** The payments' deadline passed: their attempts not settled by then are unconfirmed. */
export async function expireAttempts(tx: Prisma.TransactionClient, paymentIds: readonly string[]): Promise<void> {
  if (paymentIds.length === 0) return;
  await tx.paymentAttempt.updateMany({ where: { paymentId: { in: [...paymentIds] }, status: { in: [...UNSETTLED_ATTEMPT_STATUSES] } }, data: { status: "EXPIRED" } });
}

/** The observed attempt as the decision sees it (decide.ts), and its status for recording what it said. */
export interface ObservedAttempt extends AttemptFacts {
  status: AttemptStatus;
}

/** What the decision needs of each attempt, as read under the payment's lock (readSettleFacts). */
export type AttemptSummary = Pick<PaymentAttempt, "id" | "sequence" | "status">;

/** The observed attempt among its payment's attempts (in sequence order), for the decision (decide.ts). */
export function attemptFacts(attemptId: string | undefined, attempts: readonly AttemptSummary[]): ObservedAttempt | null {
  if (!attemptId) return null;
  const observed = attempts.find((a) => a.id === attemptId);
  if (!observed) return null;
  const otherPaid = attempts.find((a) => a.id !== attemptId && a.status === "SUCCEEDED");
  return { sequence: observed.sequence, status: observed.status, latest: observed.sequence === attempts.at(-1)!.sequence, otherSucceeded: otherPaid?.sequence ?? null };
}
