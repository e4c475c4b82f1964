import type { Prisma } from "@/lib/generated/prisma/client";
import { recordPaymentEvent } from "@/lib/payments/record-payment-event";

/**
 * Clears the missing-from-the-ledger flag once a line for the payment has arrived, with a timeline
 * entry saying which. The caller holds the payment's lock (the matcher, through the settle path).
 */
export async function clearLedgerMissing(tx: Prisma.TransactionClient, paymentId: string, line: { id: bigint; receipt: string }): Promise<boolean> {
  const { count } = await tx.payment.updateMany({ where: { id: paymentId, ledgerMissingAt: { not: null } }, data: { ledgerMissingAt: null } });
  if (count === 1) {
    await recordPaymentEvent(tx, { paymentId, type: "ledger_found", source: "ledger", data: { ledgerLineId: String(line.id), receipt: line.receipt } });
  }
  return count === 1;
}
