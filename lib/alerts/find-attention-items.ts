import { findOperatorAlerts } from "@/lib/alerts/find-operator-alerts";
import { ADDRESS_REFUSAL_WHERE } from "@/lib/callbacks/address-refusal";
import type { Db } from "@/lib/db/client";
import { OPEN_STATUSES } from "@/lib/payments/state";
import { dbModeOf, type PublicMode } from "@/lib/payments/public-payment";
import { unsettledRefundWhere } from "@/lib/refunds/unsettled-refunds";

export interface FindAttentionItemsOptions {
  mode: PublicMode;
  /** A payment still unsettled this long after creation needs a person. */
  stuckAfterSeconds: number;
  /** REFUND_CHECK_AFTER_MINUTES: a sent refund unanswered this long is listed (one of unknown outcome at once). */
  refundCheckAfterMinutes?: number;
  limit?: number;
  now?: Date;
}

const refundSelect = {
  id: true, status: true, amount: true, currency: true, method: true, reason: true, requestedByEmail: true, createdAt: true, outcomeUnknown: true, failureReason: true,
  payment: { select: { id: true, reference: true, storefront: { select: { name: true } } } },
} as const;

const paymentSelect = {
  id: true, status: true, amount: true, currency: true, phone: true, reference: true, createdAt: true, reviewReason: true,
  mpesaReceipt: true, outcomeUnknown: true, storefront: { select: { name: true } },
} as const;

/**
 * What needs a person: operator alerts (Daraja refusing our configuration, real callbacks refused),
 * payments stuck unsettled past a threshold, payments in REVIEW, successes without a receipt
 * number, callbacks that could not be matched or read, and callbacks with a valid token refused
 * for their source address (until an admin reprocesses them), refunds waiting for a second admin
 * (or approved and not sent), and refunds sent whose outcome is unknown or whose result is overdue. Each list is
 * capped; counts are exact.
 */
export async function findAttentionItems(db: Db, { mode, stuckAfterSeconds, refundCheckAfterMinutes = 5, limit = 50, now = new Date() }: FindAttentionItemsOptions) {
  const m = dbModeOf(mode);
  const stuckWhere = { mode: m, status: { in: [...OPEN_STATUSES] }, createdAt: { lt: new Date(now.getTime() - stuckAfterSeconds * 1000) } };
  const reviewWhere = { mode: m, status: "REVIEW" as const };
  const receiptWhere = { mode: m, status: "SUCCEEDED" as const, receiptMissing: true };
  const callbackWhere = { outcome: { in: ["UNMATCHED", "INVALID"] as ("UNMATCHED" | "INVALID")[] } };
  const refundWaitingWhere = { mode: m, status: { in: ["REQUESTED", "APPROVED"] as ("REQUESTED" | "APPROVED")[] } };
  const refundUnknownWhere = { mode: m, ...unsettledRefundWhere(now, refundCheckAfterMinutes) };
  const callbackSelect = { id: true, receivedAt: true, outcome: true, sourceIp: true, ipAllowed: true, tokenValid: true, checkoutRequestId: true, error: true, attempts: true } as const;
  const [stuck, stuckCount, review, reviewCount, receiptMissing, receiptMissingCount, callbacks, callbackCount, refused, refusedCount, refundsWaiting, refundsWaitingCount, refundsUnknown, refundsUnknownCount, alerts] = await Promise.all([
    db.payment.findMany({ where: stuckWhere, select: paymentSelect, orderBy: { createdAt: "asc" }, take: limit }),
    db.payment.count({ where: stuckWhere }),
    db.payment.findMany({ where: reviewWhere, select: paymentSelect, orderBy: { createdAt: "asc" }, take: limit }),
    db.payment.count({ where: reviewWhere }),
    db.payment.findMany({ where: receiptWhere, select: paymentSelect, orderBy: { createdAt: "desc" }, take: limit }),
    db.payment.count({ where: receiptWhere }),
    db.callbackLog.findMany({ where: callbackWhere, orderBy: { receivedAt: "desc" }, take: limit, select: callbackSelect }),
    db.callbackLog.count({ where: callbackWhere }),
    db.callbackLog.findMany({ where: ADDRESS_REFUSAL_WHERE, orderBy: { receivedAt: "desc" }, take: limit, select: callbackSelect }),
    db.callbackLog.count({ where: ADDRESS_REFUSAL_WHERE }),
    db.refund.findMany({ where: refundWaitingWhere, select: refundSelect, orderBy: { createdAt: "asc" }, take: limit }),
    db.refund.count({ where: refundWaitingWhere }),
    db.refund.findMany({ where: refundUnknownWhere, select: refundSelect, orderBy: { createdAt: "asc" }, take: limit }),
    db.refund.count({ where: refundUnknownWhere }),
    findOperatorAlerts(db, { now, mode: m }),
  ]);
  return {
    stuck: { items: stuck, total: stuckCount },
    review: { items: review, total: reviewCount },
    receiptMissing: { items: receiptMissing, total: receiptMissingCount },
    callbacks: { items: callbacks.map((c) => ({ ...c, id: c.id.toString() })), total: callbackCount },
    refusedCallbacks: { items: refused.map((c) => ({ ...c, id: c.id.toString() })), total: refusedCount },
    refundsWaiting: { items: refundsWaiting, total: refundsWaitingCount },
    refundsUnknown: { items: refundsUnknown, total: refundsUnknownCount },
    alerts,
    total: alerts.length + stuckCount + reviewCount + receiptMissingCount + callbackCount + refusedCount + refundsWaitingCount + refundsUnknownCount,
  };
}

export type AttentionItems = Awaited<ReturnType<typeof findAttentionItems>>;
