import type { Db } from "@/lib/db";
import { modeToDb, type DashboardMode } from "@/lib/dashboard/mode";

export interface FindAttentionItemsOptions {
  mode: DashboardMode;
  /** A payment still unsettled this long after creation needs a person. */
  stuckAfterSeconds: number;
  limit?: number;
  now?: Date;
}

const paymentSelect = {
  id: true, status: true, amount: true, phone: true, reference: true, createdAt: true, reviewReason: true,
  mpesaReceipt: true, outcomeUnknown: true, storefront: { select: { name: true } },
} as const;

/**
 * What needs a person: payments stuck unsettled past a threshold, payments in REVIEW, successes
 * without a receipt number, and callbacks that could not be matched or read. Each list is capped;
 * the counts are exact.
 */
export async function findAttentionItems(db: Db, { mode, stuckAfterSeconds, limit = 50, now = new Date() }: FindAttentionItemsOptions) {
  const m = modeToDb(mode);
  const stuckWhere = { mode: m, status: { in: ["INITIATING", "PENDING"] as ("INITIATING" | "PENDING")[] }, createdAt: { lt: new Date(now.getTime() - stuckAfterSeconds * 1000) } };
  const reviewWhere = { mode: m, status: "REVIEW" as const };
  const receiptWhere = { mode: m, status: "SUCCEEDED" as const, receiptMissing: true };
  const callbackWhere = { outcome: { in: ["UNMATCHED", "INVALID"] as ("UNMATCHED" | "INVALID")[] } };
  const [stuck, stuckCount, review, reviewCount, receiptMissing, receiptMissingCount, callbacks, callbackCount] = await Promise.all([
    db.payment.findMany({ where: stuckWhere, select: paymentSelect, orderBy: { createdAt: "asc" }, take: limit }),
    db.payment.count({ where: stuckWhere }),
    db.payment.findMany({ where: reviewWhere, select: paymentSelect, orderBy: { createdAt: "asc" }, take: limit }),
    db.payment.count({ where: reviewWhere }),
    db.payment.findMany({ where: receiptWhere, select: paymentSelect, orderBy: { createdAt: "desc" }, take: limit }),
    db.payment.count({ where: receiptWhere }),
    db.callbackLog.findMany({
      where: callbackWhere, orderBy: { receivedAt: "desc" }, take: limit,
      select: { id: true, receivedAt: true, outcome: true, sourceIp: true, checkoutRequestId: true, error: true, attempts: true },
    }),
    db.callbackLog.count({ where: callbackWhere }),
  ]);
  return {
    stuck: { items: stuck, total: stuckCount },
    review: { items: review, total: reviewCount },
    receiptMissing: { items: receiptMissing, total: receiptMissingCount },
    callbacks: { items: callbacks.map((c) => ({ ...c, id: c.id.toString() })), total: callbackCount },
    total: stuckCount + reviewCount + receiptMissingCount + callbackCount,
  };
}

export type AttentionItems = Awaited<ReturnType<typeof findAttentionItems>>;
