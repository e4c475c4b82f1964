import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { darajaClientForAccount } from "@/lib/collection-accounts/daraja-client-cache";
import { darajaConfigForAccount } from "@/lib/collection-accounts/daraja-config-for-account";
import { b2cShortcodeForAccount } from "@/lib/collection-accounts/b2c-shortcode-for-account";
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
import { timeProviderCall } from "@/lib/metrics/provider-time";
import type { DarajaApi } from "@/lib/rails/daraja/daraja-api";
import type { InitiatorRequestResult } from "@/lib/rails/daraja/initiator/request";
import { requestB2cPayment } from "@/lib/rails/daraja/initiator/b2c-payment";
import { requestReversal } from "@/lib/rails/daraja/initiator/reversal";
import { initiatorUrlsFor } from "@/lib/rails/initiator-token";
import { lockPaymentStatus } from "@/lib/payments/transition";
import { b2cOriginatorConversationId } from "@/lib/refunds/b2c-originator-conversation-id";
import { NO_SAFE_RECIPIENT, refundRecipient } from "@/lib/refunds/refund-recipient";
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
 * Sends an approved refund: by its method, an M-Pesa Reversal of the payment's receipt, or a B2C
 * payment of the part to the number that paid, with an OriginatorConversationID derived from the
 * refund. Everything that can refuse it is checked first, with nothing changed (it stays
 * APPROVED, to be sent again or cancelled). Then, in one transaction, its request is written and the refund goes
 * PENDING, before the call, so the asynchronous result always finds them. What the call answered
 * is kept: queued (the result will come), refused (nothing happened: FAILED, with M-Pesa's words),
 * or unknown (a timeout, the call broke: PENDING with its outcome unknown, asked about by
 * Transaction Status; never FAILED while M-Pesa may have reversed it).
 */
export async function sendRefund(db: Db, env: Env, o: SendRefundOptions): Promise<Refund> {
  const refund = await db.refund.findUnique({ where: { id: o.refundId } });
  if (!refund) throw new AppError("not_found", "No such refund.");
  if (refund.status !== "APPROVED") throw new AppError("invalid_state", `This refund is ${refund.status.toLowerCase()}: only an approved refund is sent.`);
  const payment = await db.payment.findUniqueOrThrow({ where: { id: refund.paymentId }, select: { mpesaReceipt: true, amount: true, phone: true, mpesaPhone: true, phoneMismatch: true } });
  const account = await db.collectionAccount.findUniqueOrThrow({ where: { id: refund.collectionAccountId } });
  const config = darajaConfigForAccount(env, account);
  if (!config) throw new AppError("invalid_state", `The ${account.mode.toLowerCase()} Daraja settings are not configured on this gateway.`);
  const initiator = initiatorForAccount(env, account);
  if (!initiator.ok) throw new AppError("invalid_state", `Cannot send the refund: ${initiator.reason}`);
  const blocked = await blockingCredentialsFailure(db, { collectionAccountId: account.id, fingerprint: initiator.fingerprint });
  if (blocked) throw new AppError("invalid_state", blocked);
  const paidReceipt = payment.mpesaReceipt;
  if (!paidReceipt) throw new AppError("invalid_state", "The payment has no M-Pesa receipt to reverse.");
  const b2c = refund.method === "b2c";
  const recipient = b2c ? refundRecipient(payment) : null;
  if (b2c && !recipient) throw new AppError("invalid_state", NO_SAFE_RECIPIENT);
  const b2cShortcode = b2c ? b2cShortcodeForAccount(env, account) : null;
  if (b2c && !b2cShortcode) throw new AppError("invalid_state", "This refund is paid by B2C, and its collection account no longer has a B2C shortcode: an admin adds it again, or cancel this refund.");
  const operation = b2c ? "b2c" : "reversal";
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
        id: requestId, operation, collectionAccountId: account.id, mode: account.mode, paymentId: refund.paymentId, refundId: refund.id,
        receipt: payment.mpesaReceipt, party: b2c ? b2cShortcode : shortcode, credentialFingerprint: initiator.fingerprint, state: "SENDING",
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

  // M-Pesa's time, not Malipo's own (malipo_api_own_seconds of a storefront's refund request).
  const call = timeProviderCall(() => b2c
    ? requestB2cPayment(api, {
      initiator: initiator.credentials, originatorConversationId: b2cOriginatorConversationId(refund.id), amount: refund.amount, partyA: b2cShortcode!,
      partyB: recipient!, resultUrl: urls.resultUrl, queueTimeoutUrl: urls.queueTimeoutUrl, remarks: "Refund", occasion: refund.id,
    })
    : requestReversal(api, {
      initiator: initiator.credentials, transactionId: paidReceipt, amount: refund.amount, receiverParty: shortcode,
      resultUrl: urls.resultUrl, queueTimeoutUrl: urls.queueTimeoutUrl, remarks: "Refund", occasion: refund.id,
    }));
  const result = await call.catch((error: unknown): InitiatorRequestResult | null => {
    log.error({ err: error, refundId: refund.id, requestId, operation }, "Refund call broke; its outcome is unknown");
    return null;
  });
  const what = b2c ? "B2C payment" : "reversal";

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
      const why = `Daraja refused the ${what}: ${result.error.message}`;
      await tx.initiatorRequest.update({ where: { id: requestId }, data: { state: "REFUSED", resultCode: result.error.errorCode ?? null, resultDesc: why, summary: why, answeredAt: o.now } });
      return (await transitionRefund(tx, {
        refundId: refund.id, event: "fail", from: "PENDING", actorEmail: null, now: o.now, note: { requestId, reason: why },
        data: { failureCode: result.error.errorCode ?? null, failureReason: `${why}. Nothing was refunded; request a new refund once fixed.`, completedAt: o.now, nextCheckAt: null },
      }))!;
    }
    // Unknown, or a duplicate: a B2C OriginatorConversationID Daraja already holds means an earlier
    // send of this refund reached it, which may have paid. Either way Transaction Status settles it.
    const why = result ? `Whether Daraja took the ${what} is unknown: ${result.error.message}` : `The call to Daraja broke off: whether it took the ${what} is unknown`;
    await tx.initiatorRequest.update({ where: { id: requestId }, data: { state: "UNKNOWN", resultCode: result?.error.errorCode ?? null, resultDesc: why } });
    const [unknown] = await tx.refund.updateManyAndReturn({ where: { id: refund.id, status: "PENDING" }, data: { outcomeUnknown: true, updatedAt: o.now } });
    await tx.refundEvent.create({ data: { refundId: refund.id, type: "outcome_unknown", fromStatus: "PENDING", toStatus: "PENDING", data: { requestId, reason: why }, createdAt: o.now } });
    return unknown ?? current;
  });
}
