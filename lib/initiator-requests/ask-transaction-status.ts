import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { darajaClientForAccount } from "@/lib/collection-accounts/daraja-client-cache";
import { darajaConfigForAccount } from "@/lib/collection-accounts/daraja-config-for-account";
import { DARAJA_RAIL } from "@/lib/collection-accounts/daraja-account-settings";
import { initiatorForAccount } from "@/lib/collection-accounts/initiator-for-account";
import type { Db } from "@/lib/db/client";
import { inTransaction } from "@/lib/db/in-transaction";
import type { Env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { InitiatorRequest, InitiatorRequestState } from "@/lib/generated/prisma/client";
import { createId } from "@/lib/ids";
import { blockingCredentialsFailure } from "@/lib/collection-accounts/initiator-credentials-failure";
import { ledgerAccountOfPayment, shortcodeOfAccount } from "@/lib/ledger/ledger-account";
import { createLogger } from "@/lib/logger";
import { recordPaymentEvent } from "@/lib/payments/record-payment-event";
import { requireReason } from "@/lib/payments/require-reason";
import { consumeRateLimit } from "@/lib/rate-limit/consume-rate-limit";
import type { DarajaApi } from "@/lib/rails/daraja/daraja-api";
import type { InitiatorRequestResult } from "@/lib/rails/daraja/initiator/request";
import { requestTransactionStatus } from "@/lib/rails/daraja/initiator/transaction-status";
import { initiatorUrlsFor } from "@/lib/rails/initiator-token";

/** Lookups one account may send per minute, whoever asks: Daraja's own limits are per app and tight. */
export const LOOKUPS_PER_ACCOUNT_PER_MINUTE = 20;

const log = createLogger("initiator");

export interface AskTransactionStatusOptions {
  /** The payment the receipt is asked about; its collection account asks. */
  paymentId: string;
  receipt: string;
  reason: string;
  actor: AuditActor;
  ip?: string | null;
  now: Date;
  /** The Daraja API to call (tests); by default the account's cached client's, sharing its token. */
  api?: DarajaApi;
}

/**
 * Asks M-Pesa's Transaction Status API about one receipt for a payment, as its account's API
 * operator. Everything that can refuse the request is checked first (the rail, the operator and
 * its certificate, a credentials failure M-Pesa already gave for the same credentials, the rate),
 * so a refusal writes nothing. Then the request's row (with its audit and timeline entries) is
 * written before the call, so the asynchronous result, posted to a ResultURL that names the row,
 * always finds it; and what the call answered is kept: QUEUED (the result will come), REFUSED (it
 * will not: why, in words) or UNKNOWN (a timeout, or the call broke: a result may still come). The
 * result is the worker's (process-initiator-result.ts).
 */
export async function askTransactionStatus(db: Db, env: Env, options: AskTransactionStatusOptions): Promise<InitiatorRequest> {
  const reason = requireReason(options.reason);
  const receipt = options.receipt.trim().toUpperCase();
  const payment = await db.payment.findUnique({ where: { id: options.paymentId }, select: { id: true, storefrontId: true, mode: true, collectionAccountId: true } });
  if (!payment) throw new AppError("not_found", "No such payment.");
  const ledgerAccount = await ledgerAccountOfPayment(db, payment);
  const account = ledgerAccount && (await db.collectionAccount.findUniqueOrThrow({ where: { id: ledgerAccount.id } }));
  if (!account) throw new AppError("invalid_state", "This payment has no collection account to ask M-Pesa with (its mode is not configured).");
  if (account.rail !== DARAJA_RAIL) throw new AppError("invalid_state", "Transaction Status is a Daraja API: this payment's account is on another rail.");
  const config = darajaConfigForAccount(env, account);
  if (!config) throw new AppError("invalid_state", `The ${account.mode.toLowerCase()} Daraja settings are not configured on this gateway.`);
  const initiator = initiatorForAccount(env, account);
  if (!initiator.ok) throw new AppError("invalid_state", initiator.reason);
  const blocked = await blockingCredentialsFailure(db, { collectionAccountId: account.id, fingerprint: initiator.fingerprint });
  if (blocked) throw new AppError("invalid_state", blocked);
  const id = createId("isr");
  let urls: ReturnType<typeof initiatorUrlsFor>;
  try {
    urls = initiatorUrlsFor(env.publicUrl, id, env.secrets.callback, account.mode);
  } catch (error) {
    throw new AppError("invalid_state", error instanceof Error ? error.message : "PUBLIC_URL cannot carry result URLs");
  }
  const api = options.api ?? darajaClientForAccount(account, config).api;
  const shortcode = shortcodeOfAccount(account, env) ?? config.shortcode;
  const limit = await consumeRateLimit(db, { key: `transaction_status:${account.id}`, limit: LOOKUPS_PER_ACCOUNT_PER_MINUTE, now: options.now });
  if (!limit.allowed) throw new AppError("rate_limited", `At most ${LOOKUPS_PER_ACCOUNT_PER_MINUTE} lookups per minute per account: try again in a minute.`);

  await inTransaction(db, async (tx) => {
    await tx.initiatorRequest.create({
      data: {
        id, operation: "transaction_status", collectionAccountId: account.id, mode: account.mode, paymentId: payment.id, receipt,
        credentialFingerprint: initiator.fingerprint, requestedById: options.actor.id, requestedByEmail: options.actor.email, reason, createdAt: options.now,
      },
    });
    await recordAudit(tx, {
      actor: options.actor, action: "transaction_status.request", entityType: "payment", entityId: payment.id, reason, ip: options.ip,
      before: null, after: { requestId: id, receipt, collectionAccountId: account.id },
    });
    await recordPaymentEvent(tx, { paymentId: payment.id, type: "receipt_lookup", source: "admin", actorUserId: options.actor.id,
      data: { requestId: id, receipt, collectionAccountId: account.id, reason } });
  });

  const result = await requestTransactionStatus(api, {
    initiator: initiator.credentials, partyA: shortcode, identifierType: "4", transactionId: receipt,
    resultUrl: urls.resultUrl, queueTimeoutUrl: urls.queueTimeoutUrl, remarks: "Receipt lookup", occasion: id,
  }).catch((error: unknown): InitiatorRequestResult | null => {
    // Written and maybe sent: whatever broke, a result may still come, so the row must not stay "sending".
    log.error({ err: error, requestId: id }, "Transaction Status call broke; its outcome is unknown");
    return null;
  });
  const answered = answerOf(result);
  return inTransaction(db, async (tx) => {
    // A result as fast as the answer may have come first: then only the conversation ids are added.
    const current = await tx.initiatorRequest.findUniqueOrThrow({ where: { id } });
    const ids = result?.kind === "accepted" && current.originatorConversationId === null
      ? { originatorConversationId: result.originatorConversationId, conversationId: result.conversationId } : {};
    if (current.state !== "SENDING") {
      if (Object.keys(ids).length) await tx.initiatorRequest.update({ where: { id }, data: ids });
      return tx.initiatorRequest.findUniqueOrThrow({ where: { id } });
    }
    const saved = await tx.initiatorRequest.update({
      where: { id },
      data: { state: answered.state, resultCode: answered.code, resultDesc: answered.description, ...ids,
        ...(answered.state === "REFUSED" ? { answeredAt: options.now, summary: answered.description } : {}) },
    });
    if (answered.state === "REFUSED") {
      await recordPaymentEvent(tx, { paymentId: payment.id, type: "receipt_lookup_result", source: "admin",
        data: { requestId: id, receipt, state: "REFUSED", resultCode: answered.code, description: answered.description } });
    }
    return saved;
  });
}

function answerOf(result: InitiatorRequestResult | null): { state: InitiatorRequestState; code: string | null; description: string } {
  if (result === null) return { state: "UNKNOWN", code: null, description: "The call to Daraja broke off: whether it took the request is unknown. A result may still come; ask again if none does." };
  switch (result.kind) {
    case "accepted":
      return { state: "QUEUED", code: "0", description: result.responseDescription || "Daraja queued the request; its result comes shortly." };
    case "rejected":
      return { state: "REFUSED", code: result.error.errorCode ?? null, description: `Daraja refused the request: ${result.error.message}` };
    case "retryable":
      return { state: "REFUSED", code: result.error.errorCode ?? null, description: `Daraja could not be reached, nothing was asked: ${result.error.message}. Try again.` };
    case "duplicate":
    case "unknown":
      return { state: "UNKNOWN", code: result.error.errorCode ?? null, description: `Whether Daraja took the request is unknown: ${result.error.message}. A result may still come; ask again if none does.` };
  }
}
