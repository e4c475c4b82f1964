import type { PrismaClient } from "@/lib/generated/prisma/client";
import { auditedPaymentFields } from "@/lib/payments/audited-payment-change";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { recheckPayment, type RecheckPaymentResult } from "@/lib/reconcile/recheck-payment";

export interface AuditedPaymentRecheckOptions {
  paymentId: string;
  actor: AuditActor & { id: string };
  reason: string;
  ip?: string | null;
}

/**
 * An admin's "re-check now" with its audit row. Unlike expire or resolve, this cannot run inside
 * auditedPaymentChange's transaction: the re-check calls Daraja over HTTP (seconds, up to its
 * timeout) and a transaction held open across that would pin a connection and the payment's row
 * lock the whole time. recheckPayment opens its transaction only once M-Pesa has answered; the audit
 * row is written in that same transaction (onRecorded), so the answer, any status change and the
 * record of who asked, and why, still commit together or not at all. A refusal before the call
 * (no CheckoutRequestID, rate limit) records nothing, because nothing was asked or changed.
 */
export async function auditedPaymentRecheck(db: PrismaClient, options: AuditedPaymentRecheckOptions): Promise<RecheckPaymentResult> {
  const { paymentId, actor, reason, ip } = options;
  return recheckPayment(db, {
    paymentId, actorUserId: actor.id, reason,
    onRecorded: async (tx, { before, after }) => {
      await recordAudit(tx, {
        actor, action: "payment.recheck", entityType: "payment", entityId: paymentId, reason,
        before: auditedPaymentFields(before), after: auditedPaymentFields(after), ip,
      });
    },
  });
}
