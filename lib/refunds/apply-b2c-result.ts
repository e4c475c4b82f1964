import { b2cShortcodeForAccount } from "@/lib/collection-accounts/b2c-shortcode-for-account";
import type { Env } from "@/lib/env";
import type { InitiatorRequest, Prisma } from "@/lib/generated/prisma/client";
import { recordSourceLine } from "@/lib/ledger/record-source-line";
import { readB2cResult } from "@/lib/rails/daraja/initiator/b2c-result";
import type { InitiatorResult } from "@/lib/rails/daraja/initiator/result";
import { ledgerLineFromB2c } from "@/lib/rails/daraja/ledger-line";
import type { AppliedRefundResult } from "@/lib/refunds/apply-reversal-result";
import { outcomeOfFailedResult } from "@/lib/refunds/failed-result-outcome";
import { settleRefund } from "@/lib/refunds/settle-refund";

/**
 * A B2C refund's own result, applied to its refund (settle-refund.ts). A success is the B2C
 * receipt, and becomes money out in M-Pesa's ledger on the B2C shortcode, so reconciliation sees
 * the payout. A failure (a final ResultCode other than 0: nothing was paid) ends the refund FAILED
 * in words finance can act on: the Utility balance, a customer not registered or not on M-Pesa.
 */
export async function applyB2cResult(
  tx: Prisma.TransactionClient,
  { request, result, env, now }: { request: InitiatorRequest & { refundId: string }; result: InitiatorResult; env: Env; now: Date },
): Promise<AppliedRefundResult> {
  const outcome = readB2cResult(result);
  if (outcome.kind === "failed") {
    const code = outcome.classification.code;
    const settled = outcomeOfFailedResult(outcome.classification, {
      reason: `M-Pesa did not pay the refund (${code}): ${outcome.classification.reason}. Nothing was refunded.`, source: "b2c_result", now, checkAfterMinutes: env.refunds.checkAfterMinutes,
    });
    await settleRefund(tx, request.refundId, settled, now);
    return { state: settled.kind === "failed" ? "FAILED" : "ANSWERED", resultCode: code, summary: settled.reason, ledgerLineId: null };
  }
  const account = await tx.collectionAccount.findUniqueOrThrow({ where: { id: request.collectionAccountId } });
  await settleRefund(tx, request.refundId, { kind: "succeeded", reversalReceipt: outcome.receipt, completedAt: outcome.completedAt, source: "b2c_result" }, now);
  // On the shortcode that paid, as its request recorded it.
  const line = ledgerLineFromB2c(outcome, request.party ?? b2cShortcodeForAccount(env, account) ?? "");
  const recorded = line ? await recordSourceLine(tx, { collectionAccountId: account.id, mode: account.mode, currency: account.currency, line }, now) : null;
  return {
    state: "ANSWERED", resultCode: "0", ledgerLineId: recorded?.id ?? null,
    summary: `M-Pesa paid the refund by B2C: receipt ${outcome.receipt ?? "(none given)"}.`,
  };
}
