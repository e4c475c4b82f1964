import type { Db } from "@/lib/db/client";
import type { Payment, Prisma } from "@/lib/generated/prisma/client";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { inTransaction } from "@/lib/db/in-transaction";

export interface AuditedPaymentChangeOptions {
  paymentId: string;
  /** "payment.expire", "payment.resolve_review", … */
  action: string;
  actor: AuditActor;
  reason: string;
  ip?: string | null;
}

// What an admin action can change on a payment: the audit row's before and after.
const AUDITED = { status: true, failureCode: true, failureMessage: true, receiptMissing: true, completedAt: true, reviewReason: true } as const;
type AuditedFields = Prisma.PaymentGetPayload<{ select: typeof AUDITED }>;

/**
 * Runs a payment use case (expire, resolve…) and writes its audit row in the same transaction: the
 * change and the record of who made it, and why, commit together or not at all.
 */
export async function auditedPaymentChange(db: Db, options: AuditedPaymentChangeOptions, change: (tx: Prisma.TransactionClient) => Promise<Payment>): Promise<Payment> {
  return inTransaction(db, async (tx) => {
    const before = await tx.payment.findUnique({ where: { id: options.paymentId }, select: AUDITED });
    if (!before) throw new AppError("not_found", "No such payment.");
    const after = await change(tx);
    await recordAudit(tx, {
      actor: options.actor, action: options.action, entityType: "payment", entityId: options.paymentId,
      reason: options.reason, before, after: auditedPaymentFields(after), ip: options.ip,
    });
    return after;
  });
}

/** The fields an audit row keeps of a payment, before and after an admin action. */
export function auditedPaymentFields(p: Payment): AuditedFields {
  return { status: p.status, failureCode: p.failureCode, failureMessage: p.failureMessage, receiptMissing: p.receiptMissing, completedAt: p.completedAt, reviewReason: p.reviewReason };
}
