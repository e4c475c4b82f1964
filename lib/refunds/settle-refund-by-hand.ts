import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { inTransaction } from "@/lib/db/in-transaction";
import { AppError } from "@/lib/errors";
import type { Prisma, Refund } from "@/lib/generated/prisma/client";
import { requireReason } from "@/lib/payments/require-reason";
import { settleRefund } from "@/lib/refunds/settle-refund";
import { lockRefund } from "@/lib/refunds/transition-refund";
import { sentBefore } from "@/lib/refunds/unsettled-refunds";

/** What an admin found on the org portal (or the customer's M-Pesa message) about a sent refund. */
export type RefundFinding =
  | { kind: "refunded"; receipt: string }
  | { kind: "not_refunded" };

export interface SettleRefundByHandOptions {
  refundId: string;
  finding: RefundFinding;
  reason: string;
  actor: AuditActor;
  ip?: string | null;
  now: Date;
  /** REFUND_CHECK_AFTER_MINUTES: before then M-Pesa's own result may still come, unless the outcome is already unknown. */
  checkAfterMinutes: number;
}

/** An M-Pesa transaction id: ten letters and digits. */
const RECEIPT = /^[A-Z0-9]{10}$/;

/**
 * An admin settles a sent refund whose result has not settled it (M-Pesa never posted one and the
 * status checks could not tell) — once its outcome is unknown or its result is overdue, never while
 * the result may still come — from what they saw on the org portal: refunded, with the
 * reversal's or payout's receipt, or not refunded. Through the one settle path (settle-refund.ts),
 * so the payment's refunded total, the storefront's event and the rule "never more than was paid"
 * hold as for M-Pesa's own answers; a receipt another refund already holds is refused. A finding
 * of "not refunded" that M-Pesa later contradicts is corrected by its result (a late success).
 * Audited, with the reason and the finding, and on the refund's timeline under the admin's name.
 */
export async function settleRefundByHand(db: Db, o: SettleRefundByHandOptions): Promise<Refund> {
  const reason = requireReason(o.reason);
  const receipt = o.finding.kind === "refunded" ? o.finding.receipt.trim().toUpperCase() : null;
  if (o.finding.kind === "refunded" && !RECEIPT.test(receipt ?? "")) {
    throw new AppError("validation_failed", "The M-Pesa receipt is ten letters and digits, as on the org portal (e.g. TLC1ABCDEF).", { param: "receipt" });
  }
  return inTransaction(db, async (tx) => {
    const refund = await lockRefund(tx, o.refundId);
    if (!refund) throw new AppError("not_found", "No such refund.");
    if (refund.status !== "PENDING") throw new AppError("invalid_state", `This refund is ${refund.status.toLowerCase()}: only a refund sent to M-Pesa and not settled can be settled by hand.`);
    if (!refund.outcomeUnknown && !(await tx.refund.count({ where: { id: refund.id, ...sentBefore(new Date(o.now.getTime() - o.checkAfterMinutes * 60_000)) } }))) {
      throw new AppError("invalid_state", `M-Pesa's result for this refund may still come: settle it by hand once its outcome is unknown or ${o.checkAfterMinutes} min after it was sent.`);
    }
    if (receipt) {
      const holder = await tx.refund.findUnique({ where: { mpesaReceipt: receipt }, select: { id: true } });
      if (holder && holder.id !== refund.id) throw new AppError("invalid_state", `Receipt ${receipt} already settled another refund (${holder.id}).`, { param: "receipt" });
    }
    await tx.refundEvent.create({
      data: { refundId: refund.id, type: "settled_by_hand", fromStatus: "PENDING", toStatus: "PENDING", actorEmail: o.actor.email,
        data: { finding: o.finding.kind, receipt, reason } as Prisma.InputJsonValue, createdAt: o.now },
    });
    const { refund: settled } = await settleRefund(tx, refund.id, receipt
      ? { kind: "succeeded", reversalReceipt: receipt, completedAt: null, source: "admin" }
      : { kind: "failed", code: "admin", reason: `An admin found on M-Pesa that nothing was refunded: ${reason}`, source: "admin" }, o.now);
    if (!settled || settled.status === "PENDING") {
      throw new AppError("invalid_state", "The refund could not be settled so: its payment's other refunds already gave the money back. Check the statement.");
    }
    await recordAudit(tx, {
      actor: o.actor, action: "refund.settle_by_hand", entityType: "payment", entityId: refund.paymentId, reason, ip: o.ip,
      before: { refundId: refund.id, status: "PENDING", outcomeUnknown: refund.outcomeUnknown }, after: { refundId: refund.id, status: settled.status, receipt },
    });
    return settled;
  });
}
