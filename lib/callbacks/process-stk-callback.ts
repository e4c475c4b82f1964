import { addressRefusalReason } from "@/lib/callbacks/address-refusal";
import { callbackVerdictWrite, finishCallbackLog, type CallbackVerdict } from "@/lib/callbacks/finish-callback-log";
import { lockCallbackLog } from "@/lib/callbacks/lock-callback-log";
import { verifyCallbackToken } from "@/lib/rails/callback-token";
import type { CallbackOutcome, Payment, Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { createLogger, type Logger } from "@/lib/logger";
import { parseStkCallback, type ParsedStkCallback } from "@/lib/rails/daraja/callback";
import { matchUnknownOutcome, type UnknownOutcomeMatchSettings } from "@/lib/callbacks/unknown-outcome-match";
import { stkCallbackObservation } from "@/lib/rails/daraja/stk-callback-observation";
import { inTransaction } from "@/lib/db/in-transaction";
import { lockPaymentOfCheckout, lockPaymentRow } from "@/lib/payments/lock-payment-row";
import { latestAttempt, recordAttemptIds } from "@/lib/payments/payment-attempts";
import { readSettleFacts } from "@/lib/payments/read-settle-facts";
import { recordPaymentEvent } from "@/lib/payments/record-payment-event";
import { settlePayment } from "@/lib/payments/settle-payment";
import type { Env } from "@/lib/env";
import { recordStkCallbackLine } from "@/lib/ledger/record-stk-callback-line";

export interface ProcessStkCallbackOptions {
  callbackLogId: bigint;
  callbackSecret: string;
  /** How long a callback that matches no payment keeps being retried before it is parked. */
  unmatchedRetrySeconds: number;
  /** Start of the unmatched window; the callback's arrival unless an admin re-queued it. */
  windowStartedAt?: Date;
  /** No retry follows this attempt: park instead of asking for one. */
  finalAttempt?: boolean;
  /** Enables the phone + amount + time match for unknown outcomes (see unknown-outcome-match.ts). */
  unknownOutcomeMatch?: UnknownOutcomeMatchSettings;
  /** Names the environment account's shortcode on the callback's ledger line. */
  env?: Pick<Env, "daraja">;
  now?: Date;
  logger?: Logger;
}

export type ProcessStkCallbackResult =
  | { outcome: Exclude<CallbackOutcome, "RECEIVED">; paymentId: string | null; reason?: string; alreadyProcessed?: boolean }
  /** No payment matches yet (the callback may have beaten the push acknowledgement): try again later. */
  | { outcome: "RETRY"; reason: string }
  | { outcome: "MISSING"; reason: string };

/**
 * Applies one stored callback. The callback's row is locked and must still be RECEIVED, so a second
 * run (a retried job, a duplicate job) changes nothing; the payment's row is locked before its state
 * is judged, so callbacks for one payment are applied one at a time. Whatever the verdict, the
 * callback's outcome is written in the same transaction as its effect, and so is a success's line
 * in M-Pesa's ledger (lib/ledger/record-stk-callback-line.ts).
 */
export async function processStkCallback(db: PrismaClient, options: ProcessStkCallbackOptions): Promise<ProcessStkCallbackResult> {
  const logger = (options.logger ?? createLogger("callbacks")).child({ callbackLogId: String(options.callbackLogId) });
  const result = await inTransaction(db, (tx) => processLocked(tx, options, logger));
  if (result.outcome === "RETRY") {
    await db.callbackLog.updateMany({ where: { id: options.callbackLogId, outcome: "RECEIVED" }, data: { attempts: { increment: 1 }, error: result.reason } });
  }
  logger.info({ outcome: result.outcome, paymentId: "paymentId" in result ? result.paymentId : null }, "callback processed");
  return result;
}

async function processLocked(tx: Prisma.TransactionClient, options: ProcessStkCallbackOptions, logger: Logger): Promise<ProcessStkCallbackResult> {
  const now = options.now ?? new Date();
  const id = options.callbackLogId;
  const log = await lockCallbackLog(tx, id);
  if (!log) return { outcome: "MISSING", reason: `callback ${id} does not exist` };
  if (log.outcome !== "RECEIVED") return { outcome: log.outcome, paymentId: log.paymentId, alreadyProcessed: true };

  const finish = (outcome: CallbackVerdict["outcome"], fields: Omit<CallbackVerdict, "outcome">) => finishCallbackLog(tx, id, now, { outcome, ...fields });

  // The route queues only requests with a valid token; a row without one is never applied, whatever queued it.
  const token = verifyCallbackToken(log.token, options.callbackSecret);
  if (!log.tokenValid || !token.valid) return finish("REJECTED", { reason: "refused at the door (token)" });
  // The signed URL names the payment it was issued for: unreadable callbacks are filed under it.
  const named = () => tx.payment.findUnique({ where: { id: token.paymentId }, select: { id: true } }).then((p) => p?.id ?? null);
  if (!log.ipAllowed && log.sourceAcceptedBy === null) {
    const paymentId = await named();
    const reason = addressRefusalReason(log.sourceIp);
    if (paymentId) await recordPaymentEvent(tx, { paymentId, type: "callback_rejected", source: "callback", callbackLogId: id, data: { reason } });
    return finish("REJECTED", { paymentId, reason });
  }
  const parsed = parseStkCallback(log.body);
  if (!parsed.ok) return finish("INVALID", { paymentId: await named(), reason: parsed.reason });
  const callback = parsed.callback;
  const checkoutRequestId = callback.checkoutRequestId;
  if (callback.classification.outcome === "pending") {
    return finish("INVALID", { paymentId: await named(), checkoutRequestId, reason: `result ${callback.resultCode} is not a final result` });
  }

  const match: CallbackMatch | null = await matchPayment(tx, callback, token.paymentId) ?? (await matchByWindow(tx, callback, token.paymentId, log, options.unknownOutcomeMatch));
  if (!match) {
    const since = (options.windowStartedAt ?? log.receivedAt).getTime();
    const waitedSeconds = Math.round((now.getTime() - since) / 1000);
    const reason = `no payment has CheckoutRequestID ${checkoutRequestId} or MerchantRequestID ${callback.merchantRequestId}, and the token's payment ${token.paymentId} is not awaiting one`;
    if (now.getTime() - since < options.unmatchedRetrySeconds * 1000 && !options.finalAttempt) return { outcome: "RETRY", reason };
    return finish("UNMATCHED", { paymentId: await named(), checkoutRequestId, reason: `${reason} (after ${waitedSeconds} s)` });
  }
  if (match.id !== token.paymentId && !match.byWindow) {
    const reason = `the callback URL was issued for payment ${token.paymentId}, not for ${match.id} which has CheckoutRequestID ${checkoutRequestId}`;
    await recordPaymentEvent(tx, { paymentId: match.id, type: "callback_rejected", source: "callback", callbackLogId: id, data: { reason } });
    return finish("REJECTED", { paymentId: match.id, checkoutRequestId, reason });
  }

  // Locks in one order on every path: the callback's row, the payment's, then (written) its attempt's.
  const stored = match.locked ?? (await lockPaymentRow(tx, match.id));
  const facts = await readSettleFacts(tx, match.id, callback.receipt);
  const { attempts } = facts;
  const latest = attempts.at(-1) ?? null;
  const attempt = match.attemptId ? attempts.find((a) => a.id === match.attemptId)! : latest;
  const ids = { checkoutRequestId: callback.checkoutRequestId, merchantRequestId: callback.merchantRequestId };
  // An attempt matched through its token has not stored Daraja's ids yet: the callback supplies them,
  // to the payment too when it is the payment's latest attempt (the payment shows the latest one's).
  const newIds = attempt !== null && attempt.checkoutRequestId === null;
  if (newIds) await recordAttemptIds(tx, attempt.id, ids);
  const patch = stored.checkoutRequestId === null && (attempt === null || (newIds && attempt.id === latest?.id)) ? ids : {};
  const observation = { ...stkCallbackObservation(callback, { evidence: { callbackLogId: id }, matchedByWindow: match.byWindow === true }), ...(attempt ? { attemptId: attempt.id } : {}) };
  const settled = await settlePayment(tx, { paymentId: match.id, input: observation, now, patch, lockHeld: { payment: stored, facts } });
  const outcome = settled.outcome === "applied" ? "APPLIED" : settled.outcome === "duplicate" ? "DUPLICATE" : "STALE";
  const verdict = { outcome, paymentId: match.id, checkoutRequestId, reason: settled.reason } as const;
  // M-Pesa's own line for the money, whatever the callback did to the payment; the verdict rides in
  // its statement when there is a line.
  const verdictWrite = callbackVerdictWrite(id, now, verdict);
  const carried = await recordStkCallbackLine(tx, { payment: settled.after, callback, now, env: options.env, logger, alongside: [verdictWrite] });
  if (!carried) await tx.$executeRaw(verdictWrite);
  return { outcome, paymentId: match.id, reason: settled.reason };
}

interface CallbackMatch {
  id: string;
  /** The attempt it answers; absent for a window match, which names only the payment (its latest attempt is taken). */
  attemptId?: string;
  byWindow?: true;
  /** The payment's row, already locked and read by the match (a match by CheckoutRequestID, the common one). */
  locked?: Payment;
}

/**
 * Through the payment's attempts: by CheckoutRequestID (locking the payment's row in the same
 * statement, as the next step would); else by MerchantRequestID of an attempt
 * without a CheckoutRequestID yet; else the latest attempt of the payment the token was issued for,
 * if it has no CheckoutRequestID yet (its acknowledgement is still on the way, or never came).
 * An earlier attempt's callback is matched to that attempt, however late it comes.
 */
async function matchPayment(tx: Prisma.TransactionClient, callback: ParsedStkCallback, tokenPaymentId: string): Promise<CallbackMatch | null> {
  const byCheckout = await lockPaymentOfCheckout(tx, callback.checkoutRequestId);
  if (byCheckout) return { id: byCheckout.payment.id, attemptId: byCheckout.attemptId, locked: byCheckout.payment };
  const byMerchant = await tx.paymentAttempt.findFirst({
    where: { merchantRequestId: callback.merchantRequestId, checkoutRequestId: null },
    select: { id: true, paymentId: true },
  });
  if (byMerchant) return { id: byMerchant.paymentId, attemptId: byMerchant.id };
  const latest = await latestAttempt(tx, tokenPaymentId);
  return latest && latest.checkoutRequestId === null ? { id: tokenPaymentId, attemptId: latest.id } : null;
}

/** Only when the token names no payment at all: the unknown-outcome match by phone, amount and time. */
async function matchByWindow(
  tx: Prisma.TransactionClient, callback: ParsedStkCallback, tokenPaymentId: string, log: { headers: unknown; receivedAt: Date },
  settings: UnknownOutcomeMatchSettings | undefined,
): Promise<{ id: string; byWindow: true } | null> {
  if (!settings || (await tx.payment.findUnique({ where: { id: tokenPaymentId }, select: { id: true } }))) return null;
  const found = await matchUnknownOutcome(tx, { callback, headers: log.headers, receivedAt: log.receivedAt, settings });
  return found && { id: found.id, byWindow: true };
}
