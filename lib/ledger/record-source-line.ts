import type { PaymentStatus, Prisma } from "@/lib/generated/prisma/client";
import { nudgeLedgerMatch } from "@/lib/jobs/queues/match-ledger-queue";
import { recordLedgerLine, type LedgerSighting, type RecordedLedgerLine } from "@/lib/ledger/record-ledger-line";

/**
 * A ledger line from a source that also settles payments (an STK callback, a C2B confirmation),
 * recorded in the transaction that applied it. When the payment it names now holds this receipt
 * as a success, the source did the matching itself and a new line is written MATCHED; otherwise
 * it stays PENDING (with the payment, if any) and the matcher is nudged to judge it.
 */
export async function recordSourceLine(
  tx: Prisma.TransactionClient, sighting: LedgerSighting, now: Date,
  /** The payment as the caller read it after applying the source (saves reading it again). */
  known?: { id: string; status: PaymentStatus; mpesaReceipt: string | null },
  /** Writes of the caller's sent in the line's first statement (recordLedgerLine). */
  alongside: readonly Prisma.Sql[] = [],
): Promise<RecordedLedgerLine> {
  const receipt = sighting.line.receipt.trim().toUpperCase();
  const payment = !sighting.paymentId ? null : known?.id === sighting.paymentId ? known
    : await tx.payment.findUnique({ where: { id: sighting.paymentId }, select: { id: true, status: true, mpesaReceipt: true } });
  const settled = payment?.status === "SUCCEEDED" && payment.mpesaReceipt === receipt;
  const recorded = await recordLedgerLine(tx, {
    ...sighting,
    ...(settled ? { settledNote: `Settled payment ${payment.id} when ${sourceWords(sighting.line.source)} arrived` } : {}),
  }, now, alongside);
  if (recorded.matchStatus === "PENDING") await nudgeLedgerMatch(tx);
  return recorded;
}

function sourceWords(source: LedgerSighting["line"]["source"]): string {
  return source === "stk_callback" ? "M-Pesa's STK callback" : source === "c2b_confirmation" ? "M-Pesa's C2B confirmation" : `the ${source.replace(/_/g, " ")}`;
}
