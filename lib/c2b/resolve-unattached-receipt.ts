import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { c2bObservation } from "@/lib/c2b/c2b-observation";
import type { Db } from "@/lib/db/client";
import { inTransaction } from "@/lib/db/in-transaction";
import { AppError } from "@/lib/errors";
import type { Prisma, UnattachedReceipt } from "@/lib/generated/prisma/client";
import { rematchLedgerLine } from "@/lib/ledger/rematch-ledger-line";
import { requireReason } from "@/lib/payments/require-reason";
import { settlePayment } from "@/lib/payments/settle-payment";
import { lockPaymentStatus } from "@/lib/payments/transition";

export interface ResolveUnattachedOptions {
  receiptId: string;
  actor: AuditActor & { id: string };
  reason: string;
  ip?: string | null;
  now?: Date;
}

/**
 * Finance attaches an unattached C2B receipt to a payment of the same storefront and mode, having
 * checked it is the money for it. The receipt becomes an observation (source c2b, with the
 * admin as actor) through the settle path, which decides as for any C2B payment: a success, a late
 * success, or REVIEW when the amount or state disagrees. What the settle path will not apply (the
 * payment already succeeded with its own receipt…) is refused and nothing changes. Audited.
 */
export async function attachUnattachedReceipt(db: Db, options: ResolveUnattachedOptions & { paymentId: string }): Promise<UnattachedReceipt> {
  const reason = requireReason(options.reason);
  const now = options.now ?? new Date();
  return inTransaction(db, async (tx) => {
    const seen = await tx.unattachedReceipt.findUnique({ where: { id: options.receiptId } });
    if (!seen) throw new AppError("not_found", "No such unattached receipt.", { param: "receiptId" });
    const payment = await tx.payment.findUnique({ where: { id: options.paymentId.trim() }, select: { id: true, storefrontId: true, mode: true } });
    if (!payment || payment.storefrontId !== seen.storefrontId || payment.mode !== seen.mode) {
      throw new AppError("not_found", "No such payment on this receipt's storefront and mode.", { param: "paymentId" });
    }
    // The ledger matcher's order: the payment, then the receipt's ledger line, then this receipt.
    await lockPaymentStatus(tx, payment.id);
    await tx.$queryRaw`SELECT id FROM ledger_lines WHERE collection_account_id = ${seen.collectionAccountId} AND receipt = ${seen.receipt} FOR UPDATE`;
    const receipt = await lockUnattached(tx, options.receiptId);
    const facts = { receipt: receipt.receipt, amountMinor: receipt.amountMinor, msisdn: receipt.msisdn, transTime: receipt.transTime, billRefNumber: receipt.billRefNumber, transactionType: receipt.transactionType };
    const settled = await settlePayment(tx, {
      paymentId: payment.id, now, actorUserId: options.actor.id,
      input: c2bObservation(facts, { callbackLogId: receipt.callbackLogId }, { attachedFrom: receipt.id, reason }),
    });
    if (settled.outcome !== "applied") {
      throw new AppError("invalid_state", `Payment ${payment.id} is ${settled.before.status.toLowerCase()} and cannot take this receipt${settled.reason ? `: ${settled.reason}` : ""}`);
    }
    // The receipt's ledger line, left UNATTACHED when the confirmation paid nothing, is matched again.
    await rematchLedgerLine(tx, { collectionAccountId: receipt.collectionAccountId, receipt: receipt.receipt });
    const after = await tx.unattachedReceipt.update({
      where: { id: receipt.id },
      data: { status: "ATTACHED", paymentId: payment.id, resolvedBy: options.actor.email, resolvedAt: now, resolutionReason: reason },
    });
    await recordAudit(tx, {
      actor: options.actor, action: "unattached_receipt.attach", entityType: "unattached_receipt", entityId: receipt.id, reason, ip: options.ip,
      before: { status: receipt.status, paymentId: null }, after: { status: after.status, paymentId: payment.id, paymentStatus: settled.decision.kind === "review" ? "REVIEW" : "SUCCEEDED" },
    });
    return after;
  });
}

/** Finance marks an unattached receipt as money paid directly, belonging to no Malipo payment. Audited. */
export async function markReceiptDirect(db: Db, options: ResolveUnattachedOptions): Promise<UnattachedReceipt> {
  const reason = requireReason(options.reason);
  const now = options.now ?? new Date();
  return inTransaction(db, async (tx) => {
    const receipt = await lockUnattached(tx, options.receiptId);
    const after = await tx.unattachedReceipt.update({ where: { id: receipt.id }, data: { status: "DIRECT", resolvedBy: options.actor.email, resolvedAt: now, resolutionReason: reason } });
    await recordAudit(tx, {
      actor: options.actor, action: "unattached_receipt.mark_direct", entityType: "unattached_receipt", entityId: receipt.id, reason, ip: options.ip,
      before: { status: receipt.status }, after: { status: after.status },
    });
    return after;
  });
}

async function lockUnattached(tx: Prisma.TransactionClient, id: string): Promise<UnattachedReceipt> {
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM unattached_receipts WHERE id = ${id} FOR UPDATE`;
  if (!locked[0]) throw new AppError("not_found", "No such unattached receipt.", { param: "receiptId" });
  const receipt = await tx.unattachedReceipt.findUniqueOrThrow({ where: { id } });
  if (receipt.status !== "UNATTACHED") throw new AppError("invalid_state", `This receipt is already ${receipt.status.toLowerCase()}.`);
  return receipt;
}
