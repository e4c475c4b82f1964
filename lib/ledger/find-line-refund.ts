import type { LedgerLine, Prisma } from "@/lib/generated/prisma/client";

/** What a line of money out is, for the matcher. */
export type MoneyOut =
  /** A Malipo refund's own line: the refund holds the line's receipt (a reversal's, or a B2C payout's). */
  | { kind: "refund"; refundId: string; paymentId: string; method: string }
  /** A refund holds the line's receipt but for another amount (a receipt typed wrong when settled by hand?). */
  | { kind: "refund_amount_differs"; refundId: string; paymentId: string; refundMinor: number }
  /** A reversal of this payment whose refund is sent and still waits for its outcome: the line is judged once it has one. */
  | { kind: "refund_in_flight"; refundId: string; paymentId: string }
  /** A reversal no Malipo refund accounts for (made on the org portal); the payment whose receipt it gave back, if Malipo has it. */
  | { kind: "unknown_reversal"; paymentId: string | null; failedRefundId: string | null }
  /** Any other money out (a sweep, a payout that is no refund). */
  | { kind: "other" };

/**
 * A reversal line names the receipt it gave back (Linked Transaction ID, the reversal result's
 * OriginalTransactionID); a statement that lacks it still says "Reversal" in its Reason Type.
 */
export function isReversalLine(line: Pick<LedgerLine, "linkedReceipt" | "transactionType">): boolean {
  return line.linkedReceipt !== null || /reversal/i.test(line.transactionType ?? "");
}

/**
 * Which refund a line of money out is. By its receipt first: every refund that succeeded holds its
 * M-Pesa receipt (settle-refund.ts), whatever its method. Else, for a reversal, the payment holding
 * the receipt it gave back: a Daraja reversal gives back the whole payment, once, so a reversal of
 * that receipt is that payment's refund. If the payment has a sent reversal of that amount still
 * waiting for its result, the line is that refund's money and waits with it (the refund check
 * settles the refund from this very line, check-pending-refunds.ts, and the line is then matched
 * again by its receipt). Otherwise nobody in Malipo asked for it: an unknown reversal.
 */
export async function findLineRefund(
  tx: Prisma.TransactionClient,
  line: Pick<LedgerLine, "receipt" | "linkedReceipt" | "transactionType" | "amountMinor" | "collectionAccountId">,
): Promise<MoneyOut> {
  const holder = await tx.refund.findUnique({ where: { mpesaReceipt: line.receipt }, select: { id: true, paymentId: true, method: true, amount: true } });
  if (holder && holder.amount * 100 !== line.amountMinor) return { kind: "refund_amount_differs", refundId: holder.id, paymentId: holder.paymentId, refundMinor: holder.amount * 100 };
  if (holder) return { kind: "refund", refundId: holder.id, paymentId: holder.paymentId, method: holder.method };
  if (!isReversalLine(line)) return { kind: "other" };
  const payment = line.linkedReceipt ? await tx.payment.findUnique({ where: { mpesaReceipt: line.linkedReceipt.trim().toUpperCase() }, select: { id: true } }) : null;
  if (!payment) return { kind: "unknown_reversal", paymentId: null, failedRefundId: null };
  const refunds = await tx.refund.findMany({
    where: { paymentId: payment.id, collectionAccountId: line.collectionAccountId, method: "reversal", status: { in: ["PENDING", "FAILED"] } },
    select: { id: true, status: true, amount: true },
    orderBy: { createdAt: "desc" },
  });
  const inFlight = refunds.find((r) => r.status === "PENDING" && r.amount * 100 === line.amountMinor);
  if (inFlight) return { kind: "refund_in_flight", refundId: inFlight.id, paymentId: payment.id };
  return { kind: "unknown_reversal", paymentId: payment.id, failedRefundId: refunds.find((r) => r.status === "FAILED")?.id ?? null };
}
