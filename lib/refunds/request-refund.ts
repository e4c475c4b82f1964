import { recordAudit } from "@/lib/audit/record-audit";
import { DARAJA_RAIL } from "@/lib/collection-accounts/daraja-account-settings";
import { b2cShortcodeForAccount } from "@/lib/collection-accounts/b2c-shortcode-for-account";
import { initiatorForAccount } from "@/lib/collection-accounts/initiator-for-account";
import type { Db } from "@/lib/db/client";
import { inTransaction } from "@/lib/db/in-transaction";
import type { Env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { Mode, Prisma, Refund } from "@/lib/generated/prisma/client";
import { createId } from "@/lib/ids";
import { ledgerAccountOfPayment } from "@/lib/ledger/ledger-account";
import { lockPaymentStatus } from "@/lib/payments/transition";
import { requireReason } from "@/lib/payments/require-reason";
import { chooseRefundMethod } from "@/lib/refunds/choose-refund-method";
import { NO_SAFE_RECIPIENT, refundRecipient } from "@/lib/refunds/refund-recipient";
import { COMMITTED_REFUND_STATUSES } from "@/lib/refunds/refund-state";
import { emitRefundEvent, transitionRefund } from "@/lib/refunds/transition-refund";
import type { RefundActor } from "@/lib/refunds/refund-actor";

export interface RequestRefundOptions {
  paymentId: string;
  /** Whole shillings; by default everything the payment may still give back. */
  amount?: number;
  reason: string;
  actor: RefundActor;
  /** A storefront may only refund its own payments of its key's mode. */
  storefront?: { id: string; mode: Mode };
  ip?: string | null;
  now: Date;
  env: Pick<Env, "refunds" | "daraja" | "secrets" | "simulator">;
}

export interface RequestedRefund {
  refund: Refund;
  /** Approved at once (at or under REFUND_APPROVAL_THRESHOLD): the caller sends it. */
  approved: boolean;
}

/**
 * Asks for a refund of a paid payment. Under the payment's row lock, so concurrent requests are
 * judged one after the other: the amount must be a whole number of shillings, at least 1, and no
 * more than what the payment still has unrefunded once every refund that is, may be or was paid
 * out is counted. The method follows from the amount (chooseRefundMethod): the whole payment by
 * Reversal, a part by B2C to the number that paid, when the account has a B2C shortcode. The
 * refund is written REQUESTED (refund.created, audited); at or under REFUND_APPROVAL_THRESHOLD
 * (when above 0) it is approved at once in the same transaction, above it a second admin
 * approves. Nothing is sent here.
 */
export async function requestRefund(db: Db, o: RequestRefundOptions): Promise<RequestedRefund> {
  const reason = requireReason(o.reason);
  if (o.amount !== undefined && (!Number.isInteger(o.amount) || o.amount < 1)) {
    throw new AppError("validation_failed", "The amount must be a whole number of shillings, at least 1", { param: "amount" });
  }
  return inTransaction(db, async (tx) => {
    const status = await lockPaymentStatus(tx, o.paymentId).catch(() => null);
    const payment = status === null ? null : await tx.payment.findUnique({ where: { id: o.paymentId } });
    if (!payment || (o.storefront && (payment.storefrontId !== o.storefront.id || payment.mode !== o.storefront.mode))) {
      throw new AppError("not_found", "No such payment.", { param: "payment" });
    }
    if (payment.status !== "SUCCEEDED") throw new AppError("invalid_state", `Only a paid payment can be refunded; this one is ${payment.status.toLowerCase()}.`, { param: "payment" });
    if (!payment.mpesaReceipt) {
      throw new AppError("invalid_state", "This payment was settled without its M-Pesa receipt, which a reversal needs: look the receipt up (or wait for the ledger) first.", { param: "payment" });
    }
    // Money already given back outside Malipo (a reversal on the org portal: a money-out line linked
    // to this receipt that no refund of Malipo's holds) must not be paid out again.
    const outside = await reversedOutsideMalipo(tx, payment.mpesaReceipt);
    if (outside) {
      throw new AppError("invalid_state", `M-Pesa's ledger shows this payment reversed outside Malipo (reversal ${outside}, on the org portal): nothing more can be refunded here. Check the statement.`, { param: "payment" });
    }
    const committed = await committedAmount(tx, payment.id);
    const refundable = payment.amount - committed;
    if (refundable <= 0) throw new AppError("invalid_state", "This payment has nothing left to refund: its refunds already cover what was paid.", { param: "payment" });
    const amount = o.amount ?? refundable;
    if (amount > refundable) {
      throw new AppError("validation_failed", `That is more than was paid: KES ${refundable} of this payment can still be refunded.`, { param: "amount" });
    }
    const ledgerAccount = await ledgerAccountOfPayment(tx, payment);
    const account = ledgerAccount && (await tx.collectionAccount.findUniqueOrThrow({ where: { id: ledgerAccount.id } }));
    if (!account) throw new AppError("invalid_state", "This payment has no collection account to refund from (its mode is not configured).");
    if (account.rail !== DARAJA_RAIL) throw new AppError("invalid_state", "Refunds go by M-Pesa Kenya's Reversal or B2C: this payment's rail does not offer them here yet.", { param: "payment" });
    const method = chooseRefundMethod({ amount, paid: payment.amount, b2cShortcode: b2cShortcodeForAccount(o.env as Env, account) });
    if (method === "b2c" && refundRecipient(payment) === null) throw new AppError("validation_failed", NO_SAFE_RECIPIENT, { param: "amount" });
    const initiator = initiatorForAccount(o.env as Env, account);
    if (!initiator.ok) throw new AppError("invalid_state", `Cannot refund from this account: ${initiator.reason}`);

    const threshold = o.env.refunds.approvalThreshold;
    const autoApproved = threshold > 0 && amount <= threshold;
    const id = createId("re");
    const refund = await tx.refund.create({
      data: {
        id, paymentId: payment.id, storefrontId: payment.storefrontId, mode: payment.mode, collectionAccountId: account.id, amount,
        currency: payment.currency, method, reason, requestedVia: o.actor.via,
        // Who answers for it under four eyes: the user, or the admin holding the storefront key's secret.
        requestedById: o.actor.id ?? o.actor.keyIssuedById ?? null, requestedByEmail: o.actor.email,
        createdAt: o.now, updatedAt: o.now,
      },
    });
    await tx.refundEvent.create({ data: { refundId: id, type: "request", toStatus: "REQUESTED", actorEmail: o.actor.email, data: { amount, method, reason } as Prisma.InputJsonValue, createdAt: o.now } });
    await emitRefundEvent(tx, refund, "request", o.now);
    await recordAudit(tx, {
      actor: { id: o.actor.id, email: o.actor.email }, action: "refund.request", entityType: "payment", entityId: payment.id, reason, ip: o.ip,
      before: { refunded: payment.refundedAmount }, after: { refundId: id, amount, method, via: o.actor.via },
    });
    if (!autoApproved) return { refund, approved: false };
    const approved = await transitionRefund(tx, {
      refundId: id, event: "approve", from: "REQUESTED", actorEmail: o.actor.email, now: o.now,
      data: { decidedById: o.actor.id, decidedByEmail: o.actor.email, decidedAt: o.now, decisionReason: `At or under the approval threshold (KES ${threshold})` },
    });
    return { refund: approved ?? refund, approved: approved !== null };
  });
}

/** The receipt of a reversal of this payment in M-Pesa's ledger that no refund of Malipo's holds, if any. */
async function reversedOutsideMalipo(tx: Prisma.TransactionClient, receipt: string): Promise<string | null> {
  const [line] = await tx.$queryRaw<{ receipt: string }[]>`
    SELECT l.receipt FROM ledger_lines l
     WHERE l.linked_receipt = ${receipt} AND l.direction = 'OUT'
       AND NOT EXISTS (SELECT 1 FROM refunds r WHERE r.mpesa_receipt = l.receipt)
     LIMIT 1`;
  return line?.receipt ?? null;
}

/** What the payment's refunds hold: every refund that is, may be, or was paid out. */
export async function committedAmount(tx: Prisma.TransactionClient, paymentId: string): Promise<number> {
  const sum = await tx.refund.aggregate({ where: { paymentId, status: { in: [...COMMITTED_REFUND_STATUSES] } }, _sum: { amount: true } });
  return sum._sum.amount ?? 0;
}
