import type { Db } from "@/lib/db/client";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { reprocessCallback } from "@/lib/callbacks/reprocess-callback";
import { AppError } from "@/lib/errors";
import { inTransaction } from "@/lib/db/in-transaction";

export interface AuditedCallbackReprocessOptions {
  callbackId: string;
  actor: AuditActor & { id: string };
  reason: string;
  ip?: string | null;
}

/** Sends a parked callback through processing again, with its audit row in the same transaction. */
export async function auditedCallbackReprocess(db: Db, options: AuditedCallbackReprocessOptions) {
  return inTransaction(db, async (tx) => {
    const before = await tx.callbackLog.findUnique({ where: { id: BigInt(options.callbackId) }, select: { outcome: true, error: true, paymentId: true, sourceIp: true, sourceAcceptedBy: true } });
    if (!before) throw new AppError("not_found", "No such callback.");
    const after = await reprocessCallback(tx, { callbackLogId: options.callbackId, actorUserId: options.actor.id, reason: options.reason });
    await recordAudit(tx, {
      actor: options.actor, action: "callback.reprocess", entityType: "callback", entityId: options.callbackId, reason: options.reason,
      before, after: { outcome: after.outcome, error: after.error, paymentId: after.paymentId, sourceIp: after.sourceIp, sourceAcceptedBy: after.sourceAcceptedBy }, ip: options.ip,
    });
    return after;
  });
}
