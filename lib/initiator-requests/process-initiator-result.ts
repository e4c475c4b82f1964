import { addressRefusalReason } from "@/lib/callbacks/address-refusal";
import { lockCallbackLog } from "@/lib/callbacks/lock-callback-log";
import { inTransaction } from "@/lib/db/in-transaction";
import type { Env } from "@/lib/env";
import type { CallbackOutcome, InitiatorRequest, Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { describeStatusResult, paymentHintOf } from "@/lib/initiator-requests/status-result-words";
import { shortcodeOfAccount } from "@/lib/ledger/ledger-account";
import { recordSourceLine } from "@/lib/ledger/record-source-line";
import { createLogger, type Logger } from "@/lib/logger";
import { recordPaymentEvent } from "@/lib/payments/record-payment-event";
import { parseQueueTimeout } from "@/lib/rails/daraja/initiator/queue-timeout";
import { parseInitiatorResult } from "@/lib/rails/daraja/initiator/result";
import { readTransactionStatusResult } from "@/lib/rails/daraja/initiator/transaction-status-result";
import { ledgerLineFromTransactionStatus } from "@/lib/rails/daraja/ledger-line";
import { verifyInitiatorToken } from "@/lib/rails/initiator-token";

export interface ProcessInitiatorResultOptions {
  callbackLogId: bigint;
  env: Env;
  now?: Date;
  logger?: Logger;
}

export type ProcessInitiatorResultResult =
  | { outcome: Exclude<CallbackOutcome, "RECEIVED">; requestId: string | null; reason?: string; alreadyProcessed?: boolean }
  | { outcome: "MISSING"; reason: string };

/** Requests still waiting for their result: a result or a queue timeout may close them. */
const AWAITING = new Set(["SENDING", "QUEUED", "UNKNOWN", "TIMED_OUT"]);

/**
 * Reads one stored Transaction Status result (or queue timeout notice) into the request its URL
 * names, in one transaction with the callback row locked, so a repeated job changes nothing. A
 * result for a request already answered is a DUPLICATE; one whose conversation ids are another
 * request's is INVALID. A completed transaction becomes a line of M-Pesa's ledger (source
 * `transaction_status`, the one source with the payer's full number) through recordSourceLine,
 * and the matcher settles, fills or flags payments by the ledger's usual rules. When the request
 * was asked for a payment, the line names that payment only if it can be its money (same amount,
 * same number, no other receipt); otherwise the request says why not and the matcher decides.
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
  let request: InitiatorRequest | null = null;
  if (log.outcome !== "RECEIVED") return { outcome: log.outcome, requestId: null, alreadyProcessed: true };
  const finish = async (outcome: Exclude<CallbackOutcome, "RECEIVED">, reason?: string) => {
    await tx.callbackLog.update({ where: { id }, data: { outcome, processedAt: now, attempts: { increment: 1 }, error: reason ?? null, paymentId: request?.paymentId ?? null } });
    return { outcome, requestId: request?.id ?? null, reason };
  };

  const token = verifyInitiatorToken(log.token, options.env.secrets.callback);
  if ((log.kind !== "INITIATOR_RESULT" && log.kind !== "INITIATOR_TIMEOUT") || !log.tokenValid || !token.valid) return finish("REJECTED", "refused at the door (token)");
  if (!log.ipAllowed && log.sourceAcceptedBy === null) return finish("REJECTED", addressRefusalReason(log.sourceIp));
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM initiator_requests WHERE id = ${token.requestId} FOR UPDATE`;
  request = locked[0] ? await tx.initiatorRequest.findUnique({ where: { id: token.requestId } }) : null;
  if (!request || request.mode !== token.mode) return finish("INVALID", `initiator request ${token.requestId} does not exist (in ${token.mode.toLowerCase()} mode)`);
  const current = request;
  const timeline = (data: Record<string, unknown>) => current.paymentId
    ? recordPaymentEvent(tx, { paymentId: current.paymentId, type: "receipt_lookup_result", source: "ledger", callbackLogId: id, data: { requestId: current.id, receipt: current.receipt, ...data } })
    : Promise.resolve();

  if (log.kind === "INITIATOR_TIMEOUT") {
    const notice = parseQueueTimeout(log.body);
    if (!notice.ok) return finish("INVALID", notice.reason);
    if (!AWAITING.has(request.state) || request.state === "TIMED_OUT") return finish("DUPLICATE", `request ${request.id} is already ${request.state.toLowerCase()}`);
    const summary = "M-Pesa's queue timed the request out before answering: nothing was learnt. Ask again.";
    await tx.initiatorRequest.update({ where: { id: request.id }, data: { state: "TIMED_OUT", resultCode: notice.notice.resultCode, resultDesc: notice.notice.resultDesc, summary, answeredAt: now } });
    await timeline({ state: "TIMED_OUT", summary });
    return finish("APPLIED", summary);
  }

  const parsed = parseInitiatorResult(log.body);
  if (!parsed.ok) return finish("INVALID", parsed.reason);
  const r = parsed.result;
  if (request.originatorConversationId && r.originatorConversationId && r.originatorConversationId !== request.originatorConversationId) {
    return finish("INVALID", `the result answers request ${r.originatorConversationId}, not ${request.originatorConversationId}`);
  }
  if (!AWAITING.has(request.state)) return finish("DUPLICATE", `request ${request.id} was already answered (${request.state.toLowerCase()})`);
  const ids = { originatorConversationId: request.originatorConversationId ?? r.originatorConversationId, conversationId: request.conversationId ?? r.conversationId };

  const outcome = readTransactionStatusResult(r);
  if (outcome.kind === "failed") {
    const summary = `M-Pesa answered ${outcome.classification.code}: ${outcome.classification.reason}`;
    await tx.initiatorRequest.update({ where: { id: request.id }, data: { ...ids, state: "FAILED", resultCode: outcome.classification.code, resultDesc: r.resultDesc, summary, answeredAt: now } });
    await timeline({ state: "FAILED", resultCode: outcome.classification.code, summary });
    return finish("APPLIED", summary);
  }

  const account = await tx.collectionAccount.findUniqueOrThrow({ where: { id: request.collectionAccountId } });
  const shortcode = shortcodeOfAccount(account, options.env) ?? "";
  const line = ledgerLineFromTransactionStatus(outcome, shortcode);
  let lineId: bigint | null = null;
  let attached: string;
  if (line) {
    const hint = await paymentHintOf(tx, request.paymentId, line);
    const recorded = await recordSourceLine(tx, { collectionAccountId: account.id, mode: account.mode, currency: account.currency, line, paymentId: hint.paymentId }, now);
    lineId = recorded.id;
    attached = `${recorded.created ? "Recorded" : "Added to"} ledger line ${recorded.id}${hint.note ? `; ${hint.note}` : ""}.`;
  } else {
    attached = "No money moved, so nothing was added to the ledger.";
  }
  const summary = `${describeStatusResult(outcome)} ${attached}`;
  await tx.initiatorRequest.update({ where: { id: request.id }, data: { ...ids, state: "ANSWERED", resultCode: "0", resultDesc: r.resultDesc, summary, ledgerLineId: lineId, answeredAt: now } });
  await timeline({ state: "ANSWERED", summary, ...(lineId !== null ? { ledgerLineId: String(lineId) } : {}) });
  return finish("APPLIED", summary);
}
