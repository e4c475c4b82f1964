import { addressRefusalReason } from "@/lib/callbacks/address-refusal";
import { finishCallbackLog } from "@/lib/callbacks/finish-callback-log";
import { lockCallbackLog } from "@/lib/callbacks/lock-callback-log";
import { darajaConfigForAccount } from "@/lib/collection-accounts/daraja-config-for-account";
import { inTransaction } from "@/lib/db/in-transaction";
import type { Env } from "@/lib/env";
import type { CallbackOutcome, InitiatorRequest, Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { describeStatusResult, paymentHintOf } from "@/lib/initiator-requests/status-result-words";
import { shortcodeOfAccount } from "@/lib/ledger/ledger-account";
import { recordSourceLine } from "@/lib/ledger/record-source-line";
import { createLogger, type Logger } from "@/lib/logger";
import { recordPaymentEvent } from "@/lib/payments/record-payment-event";
import { lockPaymentStatus } from "@/lib/payments/transition";
import { parseQueueTimeout } from "@/lib/rails/daraja/initiator/queue-timeout";
import { parseInitiatorResult } from "@/lib/rails/daraja/initiator/result";
import { readTransactionStatusResult } from "@/lib/rails/daraja/initiator/transaction-status-result";
import { ledgerLineFromTransactionStatus } from "@/lib/rails/daraja/ledger-line";
import { verifyInitiatorToken } from "@/lib/rails/initiator-token";
import { applyB2cResult } from "@/lib/refunds/apply-b2c-result";
import { applyRefundCheck, applyReversalResult } from "@/lib/refunds/apply-reversal-result";
import { isRefundPayout } from "@/lib/refunds/refund-payout-operation";
import { settleRefund } from "@/lib/refunds/settle-refund";

export interface ProcessInitiatorResultOptions {
  callbackLogId: bigint;
  env: Env;
  now?: Date;
  logger?: Logger;
}

export type ProcessInitiatorResultResult =
  | { outcome: Exclude<CallbackOutcome, "RECEIVED">; requestId: string | null; reason?: string; alreadyProcessed?: boolean }
  | { outcome: "MISSING"; reason: string };

/** Requests still waiting for their result: a result may close them (after a queue timeout too). */
const AWAITING = new Set(["SENDING", "QUEUED", "UNKNOWN", "TIMED_OUT"]);

/**
 * Reads one stored Transaction Status result (or queue timeout notice) into the request its URL
 * names, in one transaction with the callback row locked, so a repeated job changes nothing. A
 * result for a request already answered is a DUPLICATE; one whose conversation ids are another
 * request's is INVALID; an interim one (ResultType 1) leaves the request waiting. A completed
 * transaction becomes a line of M-Pesa's ledger (source `transaction_status`, the one source with
 * the payer's full number) through recordSourceLine, and the matcher settles, fills or flags
 * payments by the ledger's usual rules. The line names the payment it was asked for only when it
 * can be that payment's money (paymentHintOf); otherwise the request says why, and the stored
 * result, which names another customer, is not filed on that payment's page.
 */
export async function processInitiatorResult(db: PrismaClient, options: ProcessInitiatorResultOptions): Promise<ProcessInitiatorResultResult> {
  const logger = (options.logger ?? createLogger("initiator")).child({ callbackLogId: String(options.callbackLogId) });
  const result = await inTransaction(db, (tx) => processLocked(tx, options));
  logger.info({ outcome: result.outcome, requestId: "requestId" in result ? result.requestId : null }, "initiator result processed");
  return result;
}

async function processLocked(tx: Prisma.TransactionClient, options: ProcessInitiatorResultOptions): Promise<ProcessInitiatorResultResult> {
  const now = options.now ?? new Date();
  const id = options.callbackLogId;
  const log = await lockCallbackLog(tx, id);
  if (!log) return { outcome: "MISSING", reason: `callback ${id} does not exist` };
  if (log.outcome !== "RECEIVED") return { outcome: log.outcome, requestId: null, alreadyProcessed: true };
  let request: InitiatorRequest | null = null;
  /** The payment whose page shows the stored result: the one it was asked for, unless it names another customer's money. */
  let filedOn: string | null = null;
  const finish = async (outcome: Exclude<CallbackOutcome, "RECEIVED">, reason?: string) => {
    await finishCallbackLog(tx, id, now, { outcome, paymentId: filedOn, reason });
    return { outcome, requestId: request?.id ?? null, reason };
  };

  const token = verifyInitiatorToken(log.token, options.env.secrets.callback);
  if ((log.kind !== "INITIATOR_RESULT" && log.kind !== "INITIATOR_TIMEOUT") || !log.tokenValid || !token.valid) return finish("REJECTED", "refused at the door (token)");
  if (!log.ipAllowed && log.sourceAcceptedBy === null) return finish("REJECTED", addressRefusalReason(log.sourceIp));
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM initiator_requests WHERE id = ${token.requestId} FOR UPDATE`;
  request = locked[0] ? await tx.initiatorRequest.findUnique({ where: { id: token.requestId } }) : null;
  if (!request || request.mode !== token.mode) return finish("INVALID", `initiator request ${token.requestId} does not exist (in ${token.mode.toLowerCase()} mode)`);
  const current = request;
  filedOn = current.paymentId;
  // A refund's requests are on the refund's own timeline (settle-refund.ts), not as lookups.
  const timeline = (data: Record<string, unknown>) => current.paymentId && !current.refundId
    ? recordPaymentEvent(tx, { paymentId: current.paymentId, type: "receipt_lookup_result", source: "ledger", callbackLogId: filedOn ? id : null, data: { requestId: current.id, receipt: current.receipt, ...data } })
    : Promise.resolve();
  const answersAnother = (originatorConversationId: string | null) =>
    current.originatorConversationId !== null && originatorConversationId !== null && originatorConversationId !== current.originatorConversationId;

  if (log.kind === "INITIATOR_TIMEOUT") {
    const notice = parseQueueTimeout(log.body);
    if (!notice.ok) return finish("INVALID", notice.reason);
    if (answersAnother(notice.notice.originatorConversationId)) return finish("INVALID", `the notice is for request ${notice.notice.originatorConversationId}, not ${current.originatorConversationId}`);
    if (current.state === "TIMED_OUT" || !AWAITING.has(current.state)) return finish("DUPLICATE", `request ${current.id} is already ${current.state.toLowerCase()}`);
    const summary = "M-Pesa's queue timed the request out before answering: nothing was learnt. Ask again.";
    await tx.initiatorRequest.update({ where: { id: current.id }, data: { state: "TIMED_OUT", resultCode: notice.notice.resultCode, resultDesc: notice.notice.resultDesc, summary, answeredAt: now } });
    // A refund's payout that timed out in the queue may or may not have happened: asked about at once, never failed here.
    if (current.refundId && isRefundPayout(current.operation)) {
      const what = current.operation === "b2c" ? "B2C payment" : "reversal";
      await settleRefund(tx, current.refundId, { kind: "unknown", reason: `M-Pesa's queue timed the ${what} out`, source: "queue_timeout", checkAgainAt: now }, now);
    }
    await timeline({ state: "TIMED_OUT", summary });
    return finish("APPLIED", summary);
  }

  const parsed = parseInitiatorResult(log.body);
  if (!parsed.ok) return finish("INVALID", parsed.reason);
  const r = parsed.result;
  if (answersAnother(r.originatorConversationId)) return finish("INVALID", `the result answers request ${r.originatorConversationId}, not ${current.originatorConversationId}`);
  if (!AWAITING.has(current.state)) return finish("DUPLICATE", `request ${current.id} was already answered (${current.state.toLowerCase()})`);
  if (current.originatorConversationId === null && r.originatorConversationId !== null) {
    const owner = await tx.initiatorRequest.findUnique({ where: { originatorConversationId: r.originatorConversationId }, select: { id: true } });
    if (owner && owner.id !== current.id) return finish("INVALID", `the result answers request ${r.originatorConversationId}, which is ${owner.id}'s`);
  }
  if (r.resultType === 1) {
    // "Waiting for further messages": an interim word, the final result is still to come.
    await timeline({ state: current.state, interim: true, resultCode: r.resultCode, description: r.resultDesc });
    return finish("APPLIED", "interim message (ResultType 1): the final result is still awaited");
  }
  const ids = { originatorConversationId: current.originatorConversationId ?? r.originatorConversationId, conversationId: current.conversationId ?? r.conversationId };
  const close = async (state: "ANSWERED" | "FAILED", fields: { resultCode: string; summary: string; ledgerLineId?: bigint | null }) => {
    await tx.initiatorRequest.update({ where: { id: current.id }, data: { ...ids, state, resultCode: fields.resultCode, resultDesc: r.resultDesc, summary: fields.summary, ledgerLineId: fields.ledgerLineId ?? null, answeredAt: now } });
    await timeline({ state, resultCode: fields.resultCode, summary: fields.summary, ...(fields.ledgerLineId ? { ledgerLineId: String(fields.ledgerLineId) } : {}) });
    return finish("APPLIED", fields.summary);
  };

  const refundId = current.refundId;
  if (refundId && isRefundPayout(current.operation)) {
    const apply = current.operation === "b2c" ? applyB2cResult : applyReversalResult;
    const applied = await apply(tx, { request: { ...current, refundId }, result: r, env: options.env, now });
    return close(applied.state, applied);
  }
  const outcome = readTransactionStatusResult(r);
  if (refundId) {
    // A status check of a refund (by its reversal's conversation id), not a receipt lookup.
    const summary = await applyRefundCheck(tx, { refundId, outcome, env: options.env, now });
    return close(outcome.kind === "failed" ? "FAILED" : "ANSWERED", { resultCode: outcome.kind === "failed" ? outcome.classification.code : "0", summary });
  }
  if (outcome.kind === "failed") return close("FAILED", { resultCode: outcome.classification.code, summary: `M-Pesa answered ${outcome.classification.code}: ${outcome.classification.reason}` });
  const described = describeStatusResult(outcome);
  if (!outcome.completed) return close("ANSWERED", { resultCode: "0", summary: `${described} It has not completed, so nothing was added to the ledger: ask again later if it may still complete.` });

  const account = await tx.collectionAccount.findUniqueOrThrow({ where: { id: current.collectionAccountId } });
  const config = darajaConfigForAccount(options.env, account);
  const shortcode = shortcodeOfAccount(account, options.env) ?? config?.shortcode ?? "";
  const line = ledgerLineFromTransactionStatus(outcome, shortcode, config?.tillNumber ? [config.tillNumber] : []);
  if (!line) {
    return close("FAILED", { resultCode: "unreadable", summary: `${described} But its receipt or amount could not be read, so nothing was recorded; the raw result is kept with the request.` });
  }
  // Payment before line, as every source locks them.
  if (current.paymentId) await lockPaymentStatus(tx, current.paymentId);
  const hint = await paymentHintOf(tx, current.paymentId, line, account);
  if (!hint.paymentId) filedOn = null;
  const recorded = await recordSourceLine(tx, { collectionAccountId: account.id, mode: account.mode, currency: account.currency, line, paymentId: hint.paymentId }, now);
  const attached = `${recorded.created ? "Recorded" : "Added to"} ledger line ${recorded.id}${hint.note ? `, ${hint.note}` : ""}.`;
  return close("ANSWERED", { resultCode: "0", summary: `${described} ${attached}`, ledgerLineId: recorded.id });
}
