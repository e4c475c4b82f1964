import { addressRefusalReason } from "@/lib/callbacks/address-refusal";
import { finishCallbackLog, type CallbackVerdict } from "@/lib/callbacks/finish-callback-log";
import { lockCallbackLog } from "@/lib/callbacks/lock-callback-log";
import { verifyC2bToken } from "@/lib/rails/c2b-token";
import { c2bFactsOf, c2bObservation } from "@/lib/c2b/c2b-observation";
import { emitC2bReceived } from "@/lib/c2b/emit-c2b-received";
import { matchC2bPayment } from "@/lib/c2b/match-c2b-payment";
import { darajaConfigForAccount } from "@/lib/collection-accounts/daraja-config-for-account";
import { inTransaction } from "@/lib/db/in-transaction";
import type { Env } from "@/lib/env";
import type { CallbackOutcome, Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { createId } from "@/lib/ids";
import { createLogger, type Logger } from "@/lib/logger";
import { recordSourceLine } from "@/lib/ledger/record-source-line";
import { ledgerLineFromC2b } from "@/lib/rails/daraja/ledger-line";
import { settlePayment } from "@/lib/payments/settle-payment";
import { c2bPayerName, parseC2bNotification } from "@/lib/rails/daraja/c2b/notification";

export interface ProcessC2bOptions {
  callbackLogId: bigint;
  env: Env;
  now?: Date;
  logger?: Logger;
}

export type ProcessC2bResult =
  | { outcome: Exclude<CallbackOutcome, "RECEIVED">; paymentId: string | null; unattachedReceiptId?: string; reason?: string; alreadyProcessed?: boolean }
  | { outcome: "MISSING"; reason: string };

/**
 * Applies one stored C2B confirmation. Its row is locked and must still be RECEIVED, so a repeated
 * job changes nothing. A receipt Malipo already holds (the same confirmation again, or the one an
 * STK payment fires beside its callback) is a DUPLICATE. Otherwise the payment of the token's
 * account whose reference and amount match is settled through the settle path (source c2b); with
 * none, the money becomes an unattached receipt for finance. Either way storefronts hear
 * `c2b.received`. The outcome is written in the same transaction as its effect, and so is the
 * confirmation's line in M-Pesa's ledger (lib/ledger/record-source-line.ts), with the payment it
 * settled or already belonged to: MATCHED when that payment now holds the receipt, else PENDING.
 */
export async function processC2bConfirmation(db: PrismaClient, options: ProcessC2bOptions): Promise<ProcessC2bResult> {
  const logger = (options.logger ?? createLogger("c2b")).child({ callbackLogId: String(options.callbackLogId) });
  const result = await inTransaction(db, (tx) => processLocked(tx, options));
  logger.info({ outcome: result.outcome, paymentId: "paymentId" in result ? result.paymentId : null }, "C2B confirmation processed");
  return result;
}

async function processLocked(tx: Prisma.TransactionClient, options: ProcessC2bOptions): Promise<ProcessC2bResult> {
  const now = options.now ?? new Date();
  const id = options.callbackLogId;
  const log = await lockCallbackLog(tx, id);
  if (!log) return { outcome: "MISSING", reason: `callback ${id} does not exist` };
  if (log.outcome !== "RECEIVED") return { outcome: log.outcome, paymentId: log.paymentId, alreadyProcessed: true };

  const finish = async (outcome: CallbackVerdict["outcome"], { unattachedReceiptId, ...fields }: Omit<CallbackVerdict, "outcome" | "checkoutRequestId"> & { unattachedReceiptId?: string }) =>
    ({ ...(await finishCallbackLog(tx, id, now, { outcome, ...fields })), unattachedReceiptId });

  const token = verifyC2bToken(log.token, options.env.secrets.callback);
  if (log.kind !== "C2B_CONFIRMATION" || !log.tokenValid || !token.valid) return finish("REJECTED", { reason: "refused at the door (token)" });
  if (!log.ipAllowed && log.sourceAcceptedBy === null) return finish("REJECTED", { reason: addressRefusalReason(log.sourceIp) });
  const account = await tx.collectionAccount.findUnique({ where: { id: token.accountId } });
  if (!account || account.mode !== token.mode) return finish("INVALID", { reason: `collection account ${token.accountId} does not exist (in ${token.mode.toLowerCase()} mode)` });
  const parsed = parseC2bNotification(log.body);
  if (!parsed.ok) return finish("INVALID", { reason: parsed.reason });
  const n = parsed.notification;
  // A till's confirmations name the till; a paybill's, the shortcode.
  const config = darajaConfigForAccount(options.env, account);
  const shortcodes = config ? [config.shortcode, config.tillNumber].filter(Boolean) : [];
  if (!shortcodes.includes(n.businessShortCode)) {
    return finish("INVALID", { reason: `BusinessShortCode ${n.businessShortCode} is not the shortcode or till of account ${account.id}` });
  }
  const facts = c2bFactsOf(n);
  // M-Pesa's own line for the money, with the payment it settled (or already belonged to), if any.
  const recordLine = (paymentId: string | null) =>
    recordSourceLine(tx, { collectionAccountId: account.id, mode: account.mode, currency: account.currency, line: ledgerLineFromC2b(n), paymentId }, now);

  // Confirmations of one receipt are judged one at a time, so a duplicate sees what the first did.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`c2b:${facts.receipt}`}))`;
  const heldBy = () => tx.payment.findUnique({ where: { mpesaReceipt: facts.receipt }, select: { id: true } });
  const duplicateOf = async (holder: { id: string }) => {
    await recordLine(holder.id);
    return finish("DUPLICATE", { paymentId: holder.id, reason: `receipt ${facts.receipt} already settled payment ${holder.id}` });
  };
  const holder = await heldBy();
  if (holder) return duplicateOf(holder);
  const kept = await tx.unattachedReceipt.findUnique({ where: { collectionAccountId_receipt: { collectionAccountId: account.id, receipt: facts.receipt } } });
  if (kept) {
    await recordLine(kept.paymentId);
    return finish("DUPLICATE", { paymentId: kept.paymentId, reason: `receipt ${facts.receipt} is already kept as ${kept.id}` });
  }

  const subject = { storefrontId: account.storefrontId, mode: account.mode, currency: account.currency, collectionAccountId: account.id, facts };
  const match = await matchC2bPayment(tx, { collectionAccountId: account.id, billRefNumber: facts.billRefNumber, amountMinor: facts.amountMinor });
  if (!match) {
    // The STK callback of this very payment takes no C2B lock: it may have committed the receipt
    // since it was looked for, and the match (which skips succeeded payments) then found nothing.
    const settledMeanwhile = await heldBy();
    if (settledMeanwhile) return duplicateOf(settledMeanwhile);
  }
  if (match) {
    const settled = await settlePayment(tx, { paymentId: match.id, input: c2bObservation(facts, { callbackLogId: id }), now });
    if (settled.outcome === "applied" || settled.outcome === "duplicate") await recordLine(match.id);
    if (settled.outcome === "applied") {
      await emitC2bReceived(tx, { ...subject, paymentId: match.id }, now);
      return finish("APPLIED", { paymentId: match.id, reason: settled.reason });
    }
    if (settled.outcome === "duplicate") return finish("DUPLICATE", { paymentId: match.id, reason: settled.reason });
    // The settle path would not take it (a race made the payment final meanwhile): finance decides.
  }
  const receipt = await tx.unattachedReceipt.create({
    data: {
      id: createId("ura"), collectionAccountId: account.id, storefrontId: account.storefrontId, mode: account.mode, receipt: facts.receipt,
      amountMinor: facts.amountMinor, billRefNumber: facts.billRefNumber, msisdn: facts.msisdn, payerName: c2bPayerName(n),
      transactionType: facts.transactionType, transTime: facts.transTime, callbackLogId: id, createdAt: now,
    },
  });
  await emitC2bReceived(tx, { ...subject, paymentId: null }, now);
  await recordLine(null);
  const why = match ? `payment ${match.id} matched but could not take it` : `no payment of account ${account.id} has reference ${JSON.stringify(facts.billRefNumber)} and amount ${facts.amountMinor / 100}`;
  return finish("APPLIED", { reason: `${why}: kept as unattached receipt ${receipt.id}`, unattachedReceiptId: receipt.id });
}
