import { addressRefusalReason } from "@/lib/callbacks/address-refusal";
import { finishCallbackLog } from "@/lib/callbacks/finish-callback-log";
import { lockCallbackLog } from "@/lib/callbacks/lock-callback-log";
import { inTransaction } from "@/lib/db/in-transaction";
import type { CallbackOutcome, Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { createLogger, type Logger } from "@/lib/logger";
import { lockPaymentOfCheckout } from "@/lib/payments/lock-payment-row";
import { settlePayment } from "@/lib/payments/settle-payment";
import { readVodacomPostedResult } from "@/lib/rails/vodacom/result-ack";
import { verifyVodacomResultToken } from "@/lib/rails/vodacom/result-token";

export interface ProcessVodacomResultOptions {
  callbackLogId: bigint;
  callbackSecret: string;
  /** How long a result that matches no payment keeps being retried before it is parked. */
  unmatchedRetrySeconds: number;
  windowStartedAt?: Date;
  finalAttempt?: boolean;
  now?: Date;
  logger?: Logger;
}

export type ProcessVodacomResultResult =
  | { outcome: Exclude<CallbackOutcome, "RECEIVED">; paymentId: string | null; reason?: string; alreadyProcessed?: boolean }
  | { outcome: "RETRY"; reason: string }
  | { outcome: "MISSING"; reason: string };

/**
 * Applies one stored asynchronous result of a Vodacom push, as STK callbacks are applied: the
 * stored row locked and still RECEIVED (a repeat changes nothing), read by the rail
 * (Rail.readCallback: Vodacom's result codes, INS-1 as not final), matched to the attempt whose
 * conversation id it names, and settled through the settle path under the payment's lock, with the
 * outcome written in the same transaction. A result that beats the push's own answer is retried
 * until its payment appears, then parked UNMATCHED.
 */
export async function processVodacomResult(db: PrismaClient, options: ProcessVodacomResultOptions): Promise<ProcessVodacomResultResult> {
  const logger = (options.logger ?? createLogger("callbacks")).child({ callbackLogId: String(options.callbackLogId) });
  const result = await inTransaction(db, (tx) => processLocked(tx, options));
  if (result.outcome === "RETRY") {
    await db.callbackLog.updateMany({ where: { id: options.callbackLogId, outcome: "RECEIVED" }, data: { attempts: { increment: 1 }, error: result.reason } });
  }
  logger.info({ outcome: result.outcome, paymentId: "paymentId" in result ? result.paymentId : null }, "Vodacom result processed");
  return result;
}

async function processLocked(tx: Prisma.TransactionClient, options: ProcessVodacomResultOptions): Promise<ProcessVodacomResultResult> {
  const now = options.now ?? new Date();
  const id = options.callbackLogId;
  const log = await lockCallbackLog(tx, id);
  if (!log) return { outcome: "MISSING", reason: `callback ${id} does not exist` };
  if (log.outcome !== "RECEIVED") return { outcome: log.outcome, paymentId: log.paymentId, alreadyProcessed: true };
  const finish = (outcome: Exclude<CallbackOutcome, "RECEIVED">, fields: { paymentId?: string | null; checkoutRequestId?: string; reason?: string }) =>
    finishCallbackLog(tx, id, now, { outcome, ...fields });

  const token = verifyVodacomResultToken(log.token, options.callbackSecret);
  if (log.kind !== "VODACOM_RESULT" || !log.tokenValid || !token.valid) return finish("REJECTED", { reason: "refused at the door (token)" });
  if (!log.ipAllowed && log.sourceAcceptedBy === null) return finish("REJECTED", { reason: addressRefusalReason(log.sourceIp) });
  const read = readVodacomPostedResult(log.body, { callbackLogId: id });
  if (!read.ok) return finish("INVALID", { reason: read.reason });
  const conversationId = read.match.checkoutRequestId;
  // The attempt's payment, locked and read in one statement, as STK callbacks find theirs.
  const found = await lockPaymentOfCheckout(tx, conversationId);
  if (!found) {
    const since = (options.windowStartedAt ?? log.receivedAt).getTime();
    const reason = `no payment attempt has conversation id ${conversationId}`;
    if (now.getTime() - since < options.unmatchedRetrySeconds * 1000 && !options.finalAttempt) return { outcome: "RETRY", reason };
    return finish("UNMATCHED", { checkoutRequestId: conversationId, reason: `${reason} (after ${Math.round((now.getTime() - since) / 1000)} s)` });
  }
  const paymentId = found.payment.id;
  // The URL is per mode: a result posted to the test listener never settles a live payment.
  if (found.payment.mode !== token.mode) {
    return finish("REJECTED", { paymentId, checkoutRequestId: conversationId, reason: `posted to the ${token.mode.toLowerCase()} listener for a ${found.payment.mode.toLowerCase()} payment` });
  }
  const settled = await settlePayment(tx, { paymentId, input: { ...read.observation, attemptId: found.attemptId }, now });
  const outcome = settled.outcome === "applied" ? "APPLIED" : settled.outcome === "duplicate" ? "DUPLICATE" : "STALE";
  return finish(outcome, { paymentId, checkoutRequestId: conversationId, reason: settled.reason });
}
