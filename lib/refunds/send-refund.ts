import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { darajaClientForAccount } from "@/lib/collection-accounts/daraja-client-cache";
import { darajaConfigForAccount } from "@/lib/collection-accounts/daraja-config-for-account";
import { blockingCredentialsFailure } from "@/lib/collection-accounts/initiator-credentials-failure";
import { initiatorForAccount } from "@/lib/collection-accounts/initiator-for-account";
import type { Db } from "@/lib/db/client";
import { inTransaction } from "@/lib/db/in-transaction";
import type { Env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { Refund } from "@/lib/generated/prisma/client";
import { createId } from "@/lib/ids";
import { shortcodeOfAccount } from "@/lib/ledger/ledger-account";
import { createLogger } from "@/lib/logger";
import type { DarajaApi } from "@/lib/rails/daraja/daraja-api";
import type { InitiatorRequestResult } from "@/lib/rails/daraja/initiator/request";
import { requestReversal } from "@/lib/rails/daraja/initiator/reversal";
import { initiatorUrlsFor } from "@/lib/rails/initiator-token";
import { lockPaymentStatus } from "@/lib/payments/transition";
import { lockRefund, transitionRefund } from "@/lib/refunds/transition-refund";

const log = createLogger("refunds");

export interface SendRefundOptions {
  refundId: string;
  now: Date;
  /** The admin who sent it by hand (an approval sends it as the approver): audited. */
  actor?: AuditActor;
  ip?: string | null;
  /** The Daraja API to call (tests); by default the account's cached client's. */
  api?: DarajaApi;
}

/**
 * Sends an approved refund as an M-Pesa Reversal of the payment's receipt. Everything that can
 * refuse it is checked first, with nothing changed (it stays APPROVED, to be sent again or
 * cancelled). Then, in one transaction, its reversal request is written and the refund goes
 * PENDING, before the call, so the asynchronous result always finds them. What the call answered
 * is kept: queued (the result will come), refused (nothing happened: FAILED, with M-Pesa's words),
 * or unknown (a timeout, the call broke: PENDING with its outcome unknown, asked about by
 * Transaction Status; never FAILED while M-Pesa may have reversed it).
 */
export async function sendRefund(db: Db, env: Env, o: SendRefundOptions): Promise<Refund> {
  const refund = await db.refund.findUnique({ where: { id: o.refundId } });
  if (!refund) throw new AppError("not_found", "No such refund.");
  if (refund.status !== "APPROVED") throw new AppError("invalid_state", `This refund is ${refund.status.toLowerCase()}: only an approved refund is sent.`);
  const payment = await db.payment.findUniqueOrThrow({ where: { id: refund.paymentId }, select: { mpesaReceipt: true, amount: true } });
  const account = await db.collectionAccount.findUniqueOrThrow({ where: { id: refund.collectionAccountId } });
  const config = darajaConfigForAccount(env, account);
  if (!config) throw new AppError("invalid_state", `The ${account.mode.toLowerCase()} Daraja settings are not configured on this gateway.`);
  const initiator = initiatorForAccount(env, account);
  if (!initiator.ok) throw new AppError("invalid_state", `Cannot send the refund: ${initiator.reason}`);
  const blocked = await blockingCredentialsFailure(db, { collectionAccountId: account.id, fingerprint: initiator.fingerprint });
  if (blocked) throw new AppError("invalid_state", blocked);
  if (!payment.mpesaReceipt) throw new AppError("invalid_state", "The payment has no M-Pesa receipt to reverse.");
  const requestId = createId("isr");
  const urls = initiatorUrlsFor(env.publicUrl, requestId, env.secrets.callback, account.mode);
  const api = o.api ?? darajaClientForAccount(account, config).api;
  const shortcode = shortcodeOfAccount(account, env) ?? config.shortcode;

  await inTransaction(db, async (tx) => {
    const current = await lockRefund(tx, refund.id);
    if (current?.status !== "APPROVED") throw new AppError("invalid_state", "This refund was changed meanwhile: reload the page.");
    // The payment as it is now: another refund may have given the money back since this one was asked for.
    await lockPaymentStatus(tx, refund.paymentId);
    const paid = await tx.payment.findUniqueOrThrow({ where: { id: refund.paymentId }, select: { status: true, amount: true, refundedAmount: true } });
    if (paid.status !== "SUCCEEDED" || paid.refundedAmount + refund.amount > paid.amount) {
      throw new AppError("invalid_state", `The payment has changed since the refund was asked for (it is ${paid.status.toLowerCase()}, KES ${paid.refundedAmount} of ${paid.amount} refunded): cancel this refund.`);
    }
    await tx.initiatorRequest.create({
      data: {
        id: requestId, operation: "reversal", collectionAccountId: account.id, mode: account.mode, paymentId: refund.paymentId, refundId: refund.id,
        receipt: payment.mpesaReceipt, credentialFingerprint: initiator.fingerprint, state: "SENDING",
        requestedByEmail: refund.decidedByEmail ?? refund.requestedByEmail, requestedById: refund.decidedById, reason: refund.reason, createdAt: o.now,
      },
    });
    await transitionRefund(tx, {
      refundId: refund.id, event: "send", from: "APPROVED", actorEmail: o.actor?.email ?? null, now: o.now, note: { requestId },
      data: { nextCheckAt: new Date(o.now.getTime() + env.refunds.checkAfterMinutes * 60_000), failureReason: null },
    });
    if (o.actor) {
      await recordAudit(tx, { actor: o.actor, action: "refund.send", entityType: "payment", entityId: refund.paymentId, reason: refund.reason, ip: o.ip,
        before: { refundId: refund.id, status: "APPROVED" }, after: { refundId: refund.id, status: "PENDING", requestId } });
    }
  });

  const result = await requestReversal(api, {
    initiator: initiator.credentials, transactionId: payment.mpesaReceipt, amount: refund.amount, receiverParty: shortcode,
    resultUrl: urls.resultUrl, queueTimeoutUrl: urls.queueTimeoutUrl, remarks: "Refund", occasion: refund.id,
  }).catch((error: unknown): InitiatorRequestResult | null => {
    log.error({ err: error, refundId: refund.id, requestId }, "Reversal call broke; its outcome is unknown");
    return null;
  });

  return inTransaction(db, async (tx) => {
    // The request before the refund, as the result's processor locks them.
    await tx.$queryRaw`SELECT id FROM initiator_requests WHERE id = ${requestId} FOR UPDATE`;
    const request = await tx.initiatorRequest.findUniqueOrThrow({ where: { id: requestId } });
    const current = await lockRefund(tx, refund.id);
    const accepted = result?.kind === "accepted";
    const ids = accepted && request.originatorConversationId === null ? { originatorConversationId: result.originatorConversationId, conversationId: result.conversationId } : {};
    // A result as fast as the answer may have settled it already: then only the ids are kept.
    if (request.state !== "SENDING" || current?.status !== "PENDING") {
      if (Object.keys(ids).length) await tx.initiatorRequest.update({ where: { id: requestId }, data: ids });
      return tx.refund.findUniqueOrThrow({ where: { id: refund.id } });
    }
    if (accepted) {
      await tx.initiatorRequest.update({ where: { id: requestId }, data: { ...ids, state: "QUEUED", resultCode: "0", resultDesc: result.responseDescription } });
      return current;
    }
    if (result?.kind === "retryable") {
      // Nothing reached Daraja: not sent, so approved again, to be sent again by an admin.
      const why = `Daraja could not be reached, nothing was sent: ${result.error.message}`;
      await tx.initiatorRequest.update({ where: { id: requestId }, data: { state: "REFUSED", resultCode: result.error.errorCode ?? null, resultDesc: why, summary: why, answeredAt: o.now } });
      return (await transitionRefund(tx, { refundId: refund.id, event: "requeue", from: "PENDING", actorEmail: null, now: o.now, note: { requestId, reason: why },
        data: { nextCheckAt: null, failureReason: `${why}. Send it again.` } }))!;
    }
    if (result?.kind === "rejected") {
      const why = `Daraja refused the reversal: ${result.error.message}`;
      await tx.initiatorRequest.update({ where: { id: requestId }, data: { state: "REFUSED", resultCode: result.error.errorCode ?? null, resultDesc: why, summary: why, answeredAt: o.now } });
      return (await transitionRefund(tx, {
        refundId: refund.id, event: "fail", from: "PENDING", actorEmail: null, now: o.now, note: { requestId, reason: why },
        data: { failureCode: result.error.errorCode ?? null, failureReason: `${why}. Nothing was refunded; request a new refund once fixed.`, completedAt: o.now, nextCheckAt: null },
      }))!;
    }
    const why = result ? `Whether Daraja took the reversal is unknown: ${result.error.message}` : "The call to Daraja broke off: whether it took the reversal is unknown";
    await tx.initiatorRequest.update({ where: { id: requestId }, data: { state: "UNKNOWN", resultCode: result?.error.errorCode ?? null, resultDesc: why } });
    const [unknown] = await tx.refund.updateManyAndReturn({ where: { id: refund.id, status: "PENDING" }, data: { outcomeUnknown: true, updatedAt: o.now } });
    await tx.refundEvent.create({ data: { refundId: refund.id, type: "outcome_unknown", fromStatus: "PENDING", toStatus: "PENDING", data: { requestId, reason: why }, createdAt: o.now } });
    return unknown ?? current;
  });
}
