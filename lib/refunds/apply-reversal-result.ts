import { darajaConfigForAccount } from "@/lib/collection-accounts/daraja-config-for-account";
import type { Env } from "@/lib/env";
import type { InitiatorRequest, Prisma } from "@/lib/generated/prisma/client";
import { shortcodeOfAccount } from "@/lib/ledger/ledger-account";
import { recordSourceLine } from "@/lib/ledger/record-source-line";
import type { InitiatorResult } from "@/lib/rails/daraja/initiator/result";
import { readReversalResult } from "@/lib/rails/daraja/initiator/reversal-result";
import type { TransactionStatusOutcome } from "@/lib/rails/daraja/initiator/transaction-status-result";
import { ledgerLineFromReversal } from "@/lib/rails/daraja/ledger-line";
import { REFUND_PAYOUT_OPERATIONS } from "@/lib/refunds/refund-payout-operation";
import { outcomeOfFailedResult } from "@/lib/refunds/failed-result-outcome";
import { settleRefund, type RefundOutcome } from "@/lib/refunds/settle-refund";

export interface AppliedRefundResult {
  state: "ANSWERED" | "FAILED";
  resultCode: string;
  summary: string;
  ledgerLineId: bigint | null;
}

const ALREADY_REVERSED = "M-Pesa says this payment was already reversed (on the org portal, or by an earlier request): nothing more was refunded. Check the statement before refunding again.";

/**
 * A reversal's own result, applied to its refund (settle-refund.ts). A success also becomes
 * money out in M-Pesa's ledger: the reversal's own receipt, linked to the receipt it gave back.
 * R000001 ("already reversed") ends the refund FAILED with words that say what it means.
 */
export async function applyReversalResult(
  tx: Prisma.TransactionClient,
  { request, result, env, now }: { request: InitiatorRequest & { refundId: string }; result: InitiatorResult; env: Env; now: Date },
): Promise<AppliedRefundResult> {
  const outcome = readReversalResult(result);
  if (outcome.kind === "failed") {
    const code = outcome.classification.code;
    const settled = outcomeOfFailedResult(outcome.classification, {
      reason: outcome.classification.cause === "already_reversed" ? ALREADY_REVERSED : `M-Pesa did not reverse the payment (${code}): ${outcome.classification.reason}.`,
      source: "reversal_result", now, checkAfterMinutes: env.refunds.checkAfterMinutes,
    });
    await settleRefund(tx, request.refundId, settled, now);
    return { state: settled.kind === "failed" ? "FAILED" : "ANSWERED", resultCode: code, summary: settled.reason, ledgerLineId: null };
  }
  const account = await tx.collectionAccount.findUniqueOrThrow({ where: { id: request.collectionAccountId } });
  const shortcode = shortcodeOfAccount(account, env) ?? darajaConfigForAccount(env, account)?.shortcode ?? "";
  await settleRefund(tx, request.refundId, { kind: "succeeded", reversalReceipt: outcome.reversalReceipt, completedAt: outcome.completedAt, source: "reversal_result" }, now);
  const line = ledgerLineFromReversal(outcome, shortcode);
  const recorded = line ? await recordSourceLine(tx, { collectionAccountId: account.id, mode: account.mode, currency: account.currency, line }, now) : null;
  return {
    state: "ANSWERED", resultCode: "0", ledgerLineId: recorded?.id ?? null,
    summary: `M-Pesa reversed receipt ${outcome.originalReceipt ?? request.receipt}: reversal receipt ${outcome.reversalReceipt ?? "(none given)"}.`,
  };
}

/** How long after a first "no such transaction" a second one may fail the refund: a reversal still queued is not yet indexed. */
const NOT_FOUND_CONFIRM_MS = 60 * 60_000;

/**
 * A Transaction Status check of a refund whose payout's result never came (a reversal's, or a B2C
 * payment's), asked by its conversation id: a completed transaction is the payout (the refund
 * succeeded). "No such transaction" fails the refund only when M-Pesa cannot still be working on
 * it: its queue timed the payout out, or an earlier check an hour or more before also found nothing; otherwise
 * it stays unknown and is asked again in an hour. Anything else leaves it unknown, asked again soon.
 * (A result that still comes after a failure turns the refund succeeded, late: settle-refund.ts.)
 */
export async function applyRefundCheck(
  tx: Prisma.TransactionClient,
  { refundId, outcome, env, now }: { refundId: string; outcome: TransactionStatusOutcome; env: Pick<Env, "refunds">; now: Date },
): Promise<string> {
  const { method } = await tx.refund.findUniqueOrThrow({ where: { id: refundId }, select: { method: true } });
  const what = method === "b2c" ? "B2C payment" : "reversal";
  let settled: RefundOutcome;
  if (outcome.kind === "found" && outcome.completed) {
    settled = { kind: "succeeded", reversalReceipt: outcome.receipt, completedAt: outcome.finalisedAt, source: "transaction_status" };
  } else if (outcome.kind === "failed" && outcome.classification.cause === "not_found") {
    const [timedOut, earlier] = await Promise.all([
      tx.initiatorRequest.count({ where: { refundId, operation: { in: [...REFUND_PAYOUT_OPERATIONS] }, state: "TIMED_OUT" } }),
      tx.initiatorRequest.count({ where: { refundId, operation: "transaction_status", state: "FAILED", resultCode: outcome.classification.code, answeredAt: { lte: new Date(now.getTime() - NOT_FOUND_CONFIRM_MS) } } }),
    ]);
    settled = timedOut > 0 || earlier > 0
      ? { kind: "failed", code: outcome.classification.code, reason: `M-Pesa has no record of the ${what}: nothing was refunded. Request a new refund.`, source: "transaction_status" }
      : { kind: "unknown", reason: `M-Pesa found no ${what} yet; it may still be queued: asked again in an hour`, source: "transaction_status", checkAgainAt: new Date(now.getTime() + NOT_FOUND_CONFIRM_MS) };
  } else {
    const why = outcome.kind === "found" ? `the ${what} is ${outcome.status ?? "not completed"}` : outcome.classification.reason;
    settled = { kind: "unknown", reason: `The status check could not settle it: ${why}`, source: "transaction_status", checkAgainAt: new Date(now.getTime() + env.refunds.checkAfterMinutes * 60_000) };
  }
  await settleRefund(tx, refundId, settled, now);
  return settled.kind === "succeeded" ? `The refund's ${what} is on M-Pesa (receipt ${settled.reversalReceipt ?? "unknown"}): it succeeded.` : settled.reason;
}
