import { darajaClientForAccount } from "@/lib/collection-accounts/daraja-client-cache";
import { darajaConfigForAccount } from "@/lib/collection-accounts/daraja-config-for-account";
import { blockingCredentialsFailure } from "@/lib/collection-accounts/initiator-credentials-failure";
import { initiatorForAccount } from "@/lib/collection-accounts/initiator-for-account";
import type { Db } from "@/lib/db/client";
import { inTransaction } from "@/lib/db/in-transaction";
import type { Env } from "@/lib/env";
import type { Refund } from "@/lib/generated/prisma/client";
import { createId } from "@/lib/ids";
import { shortcodeOfAccount } from "@/lib/ledger/ledger-account";
import { createLogger } from "@/lib/logger";
import type { DarajaApi } from "@/lib/rails/daraja/daraja-api";
import type { InitiatorRequestResult } from "@/lib/rails/daraja/initiator/request";
import { requestTransactionStatus } from "@/lib/rails/daraja/initiator/transaction-status";
import { initiatorUrlsFor } from "@/lib/rails/initiator-token";
import { b2cOriginatorConversationId } from "@/lib/refunds/b2c-originator-conversation-id";
import { settleRefund } from "@/lib/refunds/settle-refund";
import { lockRefund } from "@/lib/refunds/transition-refund";

/** Refunds one pass looks at: each may cost a Daraja call. */
const CHECKS_PER_PASS = 20;

const log = createLogger("refunds");

export interface CheckPendingRefundsResult {
  /** Found in M-Pesa's ledger (its reversal line of the payment's receipt and amount): succeeded without asking. */
  fromLedger: number;
  /** Asked with Transaction Status; their results settle them (process-initiator-result.ts). */
  asked: number;
  /** Could not be asked now (no conversation id, the operator refused, Daraja unreachable, a fault): asked again later. */
  waiting: number;
}

/**
 * The worker's answer to a refund whose result never came (M-Pesa posts each result once, or
 * not at all): for every PENDING refund whose next check is due, first M-Pesa's ledger (a pull or
 * a statement may already list the reversal, linked to the payment's receipt, for the refund's
 * amount, and not another refund's), then Transaction Status by the reversal's conversation id. A
 * B2C refund is asked about by its own OriginatorConversationID (b2c-originator-conversation-id.ts)
 * on the B2C shortcode: its ledger line links to no receipt, so the ledger cannot tell it apart
 * from another payout of the same amount.
 * Never FAILED here: only M-Pesa's answer fails a refund. One refund's fault never stops the pass.
 */
export async function checkPendingRefunds(db: Db, env: Env, { now, api }: { now: Date; api?: DarajaApi }): Promise<CheckPendingRefundsResult> {
  const due = await db.refund.findMany({ where: { status: "PENDING", nextCheckAt: { lte: now } }, orderBy: { nextCheckAt: "asc" }, take: CHECKS_PER_PASS });
  const result: CheckPendingRefundsResult = { fromLedger: 0, asked: 0, waiting: 0 };
  const later = new Date(now.getTime() + env.refunds.checkAfterMinutes * 60_000);
  for (const refund of due) {
    try {
      result[await checkOne(db, env, refund, now, later, api)]++;
    } catch (error) {
      log.error({ err: error, refundId: refund.id }, "refund check failed; asked again later");
      await db.refund.updateMany({ where: { id: refund.id, status: "PENDING" }, data: { nextCheckAt: later } }).catch(() => undefined);
      result.waiting++;
    }
  }
  return result;
}

async function checkOne(db: Db, env: Env, refund: Refund, now: Date, later: Date, api?: DarajaApi): Promise<keyof CheckPendingRefundsResult> {
  const b2c = refund.method === "b2c";
  const payment = await db.payment.findUniqueOrThrow({ where: { id: refund.paymentId }, select: { mpesaReceipt: true } });
  // A B2C payout is linked to nothing in the ledger (no receipt it gives back), so only its own id finds it: Transaction Status.
  const reversalLine = payment.mpesaReceipt && !b2c
    ? await db.ledgerLine.findFirst({
        where: { collectionAccountId: refund.collectionAccountId, linkedReceipt: payment.mpesaReceipt, direction: "OUT", amountMinor: refund.amount * 100 },
        select: { receipt: true, completedAt: true },
      })
    : null;
  const takenBy = reversalLine ? await db.refund.findUnique({ where: { mpesaReceipt: reversalLine.receipt }, select: { id: true } }) : null;
  if (reversalLine && (!takenBy || takenBy.id === refund.id)) {
    await inTransaction(db, (tx) => settleRefund(tx, refund.id, { kind: "succeeded", reversalReceipt: reversalLine.receipt, completedAt: reversalLine.completedAt, source: "ledger" }, now));
    return "fromLedger";
  }
  const waitLonger = async (reason: string) => {
    await inTransaction(db, (tx) => settleRefund(tx, refund.id, { kind: "unknown", reason, source: "refund_check", checkAgainAt: later }, now));
    return "waiting" as const;
  };
  const payout = await db.initiatorRequest.findFirst({ where: { refundId: refund.id, operation: b2c ? "b2c" : "reversal" }, orderBy: { createdAt: "desc" } });
  // A B2C payment's OriginatorConversationID is ours (derived from the refund): askable even when Daraja never answered the call.
  const conversationId = payout?.originatorConversationId ?? (b2c ? b2cOriginatorConversationId(refund.id) : null);
  if (!conversationId) return waitLonger("Daraja never acknowledged the reversal, so it cannot be asked about by its id: waiting for M-Pesa's ledger (a pull or a statement) to show it");
  const account = await db.collectionAccount.findUniqueOrThrow({ where: { id: refund.collectionAccountId } });
  // A B2C payment is on the shortcode that paid it, asked about as that organisation: the one its
  // request recorded, never the account's B2C shortcode of now (an admin may have changed it).
  const partyA = b2c ? payout?.party ?? null : shortcodeOfAccount(account, env);
  if (b2c && !partyA) return waitLonger("the B2C payment's sending shortcode is not on record, so it cannot be asked about: waiting for M-Pesa's ledger or an admin");
  const config = darajaConfigForAccount(env, account);
  const initiator = initiatorForAccount(env, account);
  if (!config || !initiator.ok) return waitLonger(`the account cannot ask M-Pesa now: ${initiator.ok ? "its Daraja settings are not configured" : initiator.reason}`);
  const blocked = await blockingCredentialsFailure(db, { collectionAccountId: account.id, fingerprint: initiator.fingerprint });
  if (blocked) return waitLonger(blocked);

  const requestId = createId("isr");
  const urls = initiatorUrlsFor(env.publicUrl, requestId, env.secrets.callback, account.mode);
  // Under the refund's lock: a result that settled it a moment ago means there is nothing to ask.
  const stillPending = await inTransaction(db, async (tx) => {
    const current = await lockRefund(tx, refund.id);
    if (current?.status !== "PENDING") return false;
    await tx.initiatorRequest.create({
      data: {
        id: requestId, operation: "transaction_status", collectionAccountId: account.id, mode: account.mode, paymentId: refund.paymentId, refundId: refund.id,
        credentialFingerprint: initiator.fingerprint, requestedByEmail: "worker (refund check)", reason: `No result for ${b2c ? "B2C payment" : "reversal"} ${conversationId}`, createdAt: now,
      },
    });
    await tx.refund.update({ where: { id: refund.id }, data: { nextCheckAt: later, updatedAt: now } });
    return true;
  });
  if (!stillPending) return "waiting";
  const answer = await (async (): Promise<InitiatorRequestResult | null> => requestTransactionStatus(api ?? darajaClientForAccount(account, config).api, {
    initiator: initiator.credentials, partyA: partyA ?? config.shortcode, identifierType: "4",
    originalConversationId: conversationId, resultUrl: urls.resultUrl, queueTimeoutUrl: urls.queueTimeoutUrl, remarks: "Refund check", occasion: refund.id,
  }))().catch((error: unknown) => {
    log.error({ err: error, refundId: refund.id, requestId }, "refund status check call broke; its outcome is unknown");
    return null;
  });
  const accepted = answer?.kind === "accepted";
  await db.initiatorRequest.updateMany({
    where: { id: requestId, state: "SENDING" },
    data: accepted
      ? { state: "QUEUED", resultCode: "0", originatorConversationId: answer.originatorConversationId, conversationId: answer.conversationId }
      : { state: answer?.kind === "rejected" || answer?.kind === "retryable" ? "REFUSED" : "UNKNOWN", resultDesc: answer ? answer.error.message : "the call broke off", answeredAt: now },
  });
  return accepted ? "asked" : "waiting";
}
