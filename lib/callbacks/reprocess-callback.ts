import { ADDRESS_REFUSAL_WHERE } from "@/lib/callbacks/address-refusal";
import { paymentIdOfToken } from "@/lib/rails/callback-token";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { CallbackLog } from "@/lib/generated/prisma/client";
import { callbackQueueFor } from "@/lib/jobs/queues/callback-queues";
import { sendJob } from "@/lib/jobs/send-job";
import { getSenderBoss } from "@/lib/jobs/boss";
import { ensureQueue } from "@/lib/jobs/ensure-queue";
import { inTransaction } from "@/lib/db/in-transaction";
import { recordPaymentEvent } from "@/lib/payments/record-payment-event";
import { requireReason } from "@/lib/payments/require-reason";

export interface ReprocessCallbackOptions {
  callbackLogId: bigint | string;
  actorUserId: string;
  reason: string;
}

const PARKED = ["UNMATCHED", "INVALID"] as const;

/**
 * An admin sends a callback through processing again: a parked one (UNMATCHED or INVALID), e.g.
 * after the payment it belongs to was found or a parser fix was deployed, or one refused only for
 * its source address with a valid token, once the admin has checked it is genuine: the admin's
 * acceptance of its source is recorded on it (source_accepted_by), and processing then treats the
 * address as allowed. It gets a fresh unmatched window. The timeline entry goes on the payment the
 * callback names, when there is one.
 */
export async function reprocessCallback(db: Db, { callbackLogId, actorUserId, reason }: ReprocessCallbackOptions): Promise<CallbackLog> {
  const why = requireReason(reason);
  const id = toId(callbackLogId);
  const boss = await getSenderBoss();
  const stored = await db.callbackLog.findUnique({ where: { id }, select: { kind: true } });
  const queue = callbackQueueFor(stored?.kind ?? "STK");
  await ensureQueue(boss, queue);
  return inTransaction(db, async (tx) => {
    const requeue = { outcome: "RECEIVED" as const, error: null, processedAt: null };
    const accepted = await tx.callbackLog.updateMany({ where: { id, ...ADDRESS_REFUSAL_WHERE }, data: { ...requeue, sourceAcceptedBy: actorUserId } });
    const parked = accepted.count === 1 ? accepted : await tx.callbackLog.updateMany({ where: { id, outcome: { in: [...PARKED] } }, data: requeue });
    if (parked.count === 0) {
      const existing = await tx.callbackLog.findUnique({ where: { id }, select: { outcome: true } });
      if (!existing) throw new AppError("not_found", `No such callback: ${id}`, { param: "callbackLogId" });
      throw new AppError("invalid_state", `Callback ${id} is ${existing.outcome}; only ${PARKED.join(" or ")} callbacks, and ones refused only for their source address, can be reprocessed`);
    }
    const log = await tx.callbackLog.findUniqueOrThrow({ where: { id } });
    const named = log.paymentId ?? paymentIdOfToken(log.token);
    const payment = named ? await tx.payment.findUnique({ where: { id: named }, select: { id: true } }) : null;
    if (payment) {
      const data = { reason: why, ...(accepted.count === 1 ? { sourceAccepted: log.sourceIp } : {}) };
      await recordPaymentEvent(tx, { paymentId: payment.id, type: "callback_requeued", source: "admin", actorUserId, callbackLogId: id, data });
    }
    await sendJob(queue, { callbackLogId: String(id), windowStartedAt: new Date().toISOString() }, { tx, boss });
    return log;
  });
}

function toId(value: bigint | string): bigint {
  if (typeof value === "bigint") return value;
  if (!/^\d{1,19}$/.test(value)) throw new AppError("not_found", `No such callback: ${value.slice(0, 40)}`, { param: "callbackLogId" });
  return BigInt(value);
}
