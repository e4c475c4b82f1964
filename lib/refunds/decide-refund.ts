import { recordAudit } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { inTransaction } from "@/lib/db/in-transaction";
import { AppError } from "@/lib/errors";
import type { Refund } from "@/lib/generated/prisma/client";
import { requireReason } from "@/lib/payments/require-reason";
import { askedBy, type RefundActor } from "@/lib/refunds/refund-actor";
import { lockRefund, transitionRefund } from "@/lib/refunds/transition-refund";

export type RefundDecision = "approve" | "reject" | "cancel";

export interface DecideRefundOptions {
  refundId: string;
  decision: RefundDecision;
  reason: string;
  actor: RefundActor;
  ip?: string | null;
  now: Date;
}

/**
 * Four eyes: a second admin approves or rejects a requested refund, never the one who asked for it
 * (nor, for a storefront's request, the admin who issued its API key); the requester, or an admin, may cancel it
 * before it is sent. Under the refund's row lock, with a reason, audited and on its timeline.
 * Approving does not send it: the caller sends the approved refund (send-refund.ts).
 */
export async function decideRefund(db: Db, o: DecideRefundOptions): Promise<Refund> {
  const reason = requireReason(o.reason);
  return inTransaction(db, async (tx) => {
    const refund = await lockRefund(tx, o.refundId);
    if (!refund) throw new AppError("not_found", "No such refund.");
    if (o.decision !== "cancel" && askedBy(refund, o.actor.id)) {
      throw new AppError("forbidden", refund.requestedVia === "api"
        ? "A second admin must decide this refund: it was asked for with a storefront API key you issued."
        : "A second admin must decide this refund: you asked for it.");
    }
    const event = o.decision;
    const moved = await transitionRefund(tx, {
      refundId: refund.id, event, from: refund.status, actorEmail: o.actor.email, now: o.now, note: { reason },
      data: o.decision === "cancel" ? { completedAt: o.now, failureReason: `Cancelled: ${reason}` }
        : { decidedById: o.actor.id, decidedByEmail: o.actor.email, decidedAt: o.now, decisionReason: reason, ...(o.decision === "reject" ? { completedAt: o.now } : {}) },
    });
    if (!moved) throw new AppError("invalid_state", `This refund is ${refund.status.toLowerCase()}: it cannot be ${o.decision === "approve" ? "approved" : o.decision === "reject" ? "rejected" : "cancelled"} now.`);
    await recordAudit(tx, {
      actor: { id: o.actor.id, email: o.actor.email }, action: `refund.${o.decision}`, entityType: "payment", entityId: refund.paymentId, reason, ip: o.ip,
      before: { refundId: refund.id, status: refund.status }, after: { refundId: refund.id, status: moved.status },
    });
    return moved;
  });
}
