import type { Prisma } from "@/lib/generated/prisma/client";
import { nudgeLedgerMatch } from "@/lib/jobs/queues/match-ledger-queue";

/**
 * Sends an UNATTACHED line back to matching once someone gave its money a payment by other means
 * (finance attaching the C2B receipt): the matcher then finds the payment by its receipt and says
 * what the line is. In the caller's transaction, after the payment holds the receipt.
 */
export async function rematchLedgerLine(tx: Prisma.TransactionClient, { collectionAccountId, receipt }: { collectionAccountId: string; receipt: string }): Promise<boolean> {
  const { count } = await tx.ledgerLine.updateMany({
    where: { collectionAccountId, receipt: receipt.trim().toUpperCase(), matchStatus: "UNATTACHED" },
    data: { matchStatus: "PENDING", matchedAt: null, matchNote: null },
  });
  if (count > 0) await nudgeLedgerMatch(tx);
  return count > 0;
}
