import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { darajaConfigForAccount } from "@/lib/collection-accounts/daraja-config-for-account";
import { DARAJA_RAIL } from "@/lib/collection-accounts/daraja-account-settings";
import { initiatorForAccount } from "@/lib/collection-accounts/initiator-for-account";
import type { Db } from "@/lib/db/client";
import { inTransaction } from "@/lib/db/in-transaction";
import type { Env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { CollectionAccount, InitiatorRequest, InitiatorRequestState } from "@/lib/generated/prisma/client";
import { createId } from "@/lib/ids";
import { ledgerAccountOfPayment, shortcodeOfAccount } from "@/lib/ledger/ledger-account";
import { recordPaymentEvent } from "@/lib/payments/record-payment-event";
import { requireReason } from "@/lib/payments/require-reason";
import { consumeRateLimit } from "@/lib/rate-limit/consume-rate-limit";
import { createDarajaApi, type DarajaApi } from "@/lib/rails/daraja/daraja-api";
import type { InitiatorRequestResult } from "@/lib/rails/daraja/initiator/request";
import { requestTransactionStatus } from "@/lib/rails/daraja/initiator/transaction-status";
import { initiatorUrlsFor } from "@/lib/rails/initiator-token";

/** Lookups one account may send per minute, whoever asks: Daraja's own limits are per app and tight. */
export const LOOKUPS_PER_ACCOUNT_PER_MINUTE = 20;

export interface AskTransactionStatusOptions {
  /** The payment the receipt is asked about (its account is used), or the account itself. */
  paymentId?: string;
  accountId?: string;
  receipt: string;
  reason: string;
  actor: AuditActor;
  ip?: string | null;
  now: Date;
  /** The Daraja API to call (tests); by default the account's own. */
  api?: DarajaApi;
}

/**
 * Asks M-Pesa's Transaction Status API about one receipt, as the account's API operator. The
 * request's row (and its audit entry and timeline entry) is written before the call, so the
 * asynchronous result, posted to a ResultURL that names the row, always finds it; then what the
 * call answered is kept: QUEUED (the result will come), REFUSED (it will not: why, in words), or
 * UNKNOWN (a timeout: a result may still come). The result itself is the worker's
 * (process-initiator-result.ts): it goes into M-Pesa's ledger like every other source.
 */
export async function askTransactionStatus(db: Db, env: Env, options: AskTransactionStatusOptions): Promise<InitiatorRequest> {
  const reason = requireReason(options.reason);
  const receipt = options.receipt.trim().toUpperCase();
  const account = await accountToAsk(db, options);
  if (account.rail !== DARAJA_RAIL) throw new AppError("invalid_state", "Transaction Status is a Daraja API: this account is on another rail.");
  const config = darajaConfigForAccount(env, account);
  if (!config) throw new AppError("invalid_state", `The ${account.mode.toLowerCase()} Daraja settings are not configured on this gateway.`);
  const initiator = initiatorForAccount(env, account);
  if (!initiator.ok) throw new AppError("invalid_state", initiator.reason);
  const shortcode = shortcodeOfAccount(account, env) ?? config.shortcode;
  const limit = await consumeRateLimit(db, { key: `transaction_status:${account.id}`, limit: LOOKUPS_PER_ACCOUNT_PER_MINUTE, now: options.now });
  if (!limit.allowed) throw new AppError("rate_limited", `At most ${LOOKUPS_PER_ACCOUNT_PER_MINUTE} lookups per minute per account: try again in a minute.`);

  const id = createId("isr");
  await inTransaction(db, async (tx) => {
    await tx.initiatorRequest.create({
      data: {
        id, operation: "transaction_status", collectionAccountId: account.id, mode: account.mode, paymentId: options.paymentId ?? null, receipt,
        requestedById: options.actor.id, requestedByEmail: options.actor.email, reason, createdAt: options.now,
      },
    });
    await recordAudit(tx, {
      actor: options.actor, action: "transaction_status.request", entityType: options.paymentId ? "payment" : "collection_account",
      entityId: options.paymentId ?? account.id, reason, ip: options.ip, before: null, after: { requestId: id, receipt, collectionAccountId: account.id },
    });
    if (options.paymentId) {
      await recordPaymentEvent(tx, { paymentId: options.paymentId, type: "receipt_lookup", source: "admin", actorUserId: options.actor.id,
        data: { requestId: id, receipt, collectionAccountId: account.id, reason } });
    }
  });

  const urls = initiatorUrlsFor(env.publicUrl, id, env.secrets.callback, account.mode);
  const api = options.api ?? createDarajaApi(config);
  const result = await requestTransactionStatus(api, {
    initiator: initiator.credentials, partyA: shortcode, identifierType: "4", transactionId: receipt,
    resultUrl: urls.resultUrl, queueTimeoutUrl: urls.queueTimeoutUrl, remarks: "Receipt lookup", occasion: id,
  });
  const answered = answerOf(result);
  const saved = await inTransaction(db, async (tx) => {
    // Only a row still SENDING takes the call's answer: a result as fast as the answer may have come first.
    await tx.initiatorRequest.updateMany({
      where: { id, state: "SENDING" },
      data: { state: answered.state, resultCode: answered.code, resultDesc: answered.description,
        ...(result.kind === "accepted" ? { originatorConversationId: result.originatorConversationId, conversationId: result.conversationId } : {}),
        ...(answered.state === "REFUSED" ? { answeredAt: options.now, summary: answered.description } : {}) },
    });
    if (options.paymentId && answered.state === "REFUSED") {
      await recordPaymentEvent(tx, { paymentId: options.paymentId, type: "receipt_lookup_result", source: "admin",
        data: { requestId: id, receipt, state: "REFUSED", resultCode: answered.code, description: answered.description } });
    }
    return tx.initiatorRequest.findUniqueOrThrow({ where: { id } });
  });
  return saved;
}

async function accountToAsk(db: Db, options: Pick<AskTransactionStatusOptions, "paymentId" | "accountId">): Promise<CollectionAccount> {
  if (options.paymentId) {
    const payment = await db.payment.findUnique({ where: { id: options.paymentId }, select: { storefrontId: true, mode: true, collectionAccountId: true } });
    if (!payment) throw new AppError("not_found", "No such payment.");
    const account = await ledgerAccountOfPayment(db, payment);
    if (!account) throw new AppError("invalid_state", "This payment has no collection account to ask M-Pesa with (its mode is not configured).");
    return account;
  }
  const account = options.accountId ? await db.collectionAccount.findUnique({ where: { id: options.accountId } }) : null;
  if (!account) throw new AppError("not_found", "No such collection account.");
  return account;
}

function answerOf(result: InitiatorRequestResult): { state: InitiatorRequestState; code: string | null; description: string } {
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
