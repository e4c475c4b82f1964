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

/**
 * Sends a line of money out back to matching once a refund holds its receipt (settle-refund.ts): a
 * B2C payout or a reversal that the ledger showed before the refund's result came was judged other
 * money out or an unknown reversal, and is now that refund's. The refund's payouts are on its
 * collection account (the reversal's and the B2C result's lines are recorded there). In the caller's transaction.
 */
export async function rematchRefundLine(tx: Prisma.TransactionClient, { collectionAccountId, receipt }: { collectionAccountId: string; receipt: string }): Promise<boolean> {
  // The line's lock first: a matcher judging it right now (before this refund held its receipt)
  // finishes, and its verdict is then sent back to matching here, not left standing.
  await tx.$queryRaw`SELECT id FROM ledger_lines WHERE collection_account_id = ${collectionAccountId} AND receipt = ${receipt.trim().toUpperCase()} FOR UPDATE`;
  const { count } = await tx.ledgerLine.updateMany({
    // By (account, receipt), the lines' unique key: one row at most, found by its index.
    where: { collectionAccountId, receipt: receipt.trim().toUpperCase(), direction: "OUT", matchStatus: { in: ["NOT_A_PAYMENT", "UNKNOWN_REVERSAL"] } },
    data: { matchStatus: "PENDING", matchedAt: null, matchNote: null, paymentId: null },
  });
  if (count > 0) await nudgeLedgerMatch(tx);
  return count > 0;
}
