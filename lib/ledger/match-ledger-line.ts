import type { Db } from "@/lib/db/client";
import { inTransaction } from "@/lib/db/in-transaction";
import type { LedgerLine, Prisma } from "@/lib/generated/prisma/client";
import { findLinePayment } from "@/lib/ledger/find-line-payment";
import { findLineRefund } from "@/lib/ledger/find-line-refund";
import { clearLedgerMissing } from "@/lib/ledger/ledger-missing-flag";
import { ledgerObservation, lineDisagreement } from "@/lib/ledger/ledger-observation";
import { matchOutcome, moneyOutOutcome, unattachedNote, type MatchOutcome } from "@/lib/ledger/match-outcome";
import { settlePayment } from "@/lib/payments/settle-payment";
import { lockPaymentStatus } from "@/lib/payments/transition";

export interface LineMatched extends MatchOutcome {
  lineId: bigint;
  paymentId: string | null;
}

/**
 * Matches one PENDING ledger line, in one transaction. Money out is a refund's line (REFUND, with
 * the refund's payment), a reversal no refund accounts for (UNKNOWN_REVERSAL) or other money out
 * (NOT_A_PAYMENT), as find-line-refund.ts finds it; a reversal whose refund still waits for its
 * outcome stays PENDING until the refund has one. Money in: the
 * line's payment (findLinePayment) takes it as a `ledger` observation through the settle path,
 * and what the settle path did says what the line became (matchOutcome). No payment: UNATTACHED.
 * Locks the payment before the line, as the sources do (they apply a callback, then record its
 * line), and skips a line another matcher holds. A line a source added to between the look and
 * the lock is left PENDING for the next run, which judges it whole. Null: nothing was done.
 */
export async function matchLedgerLine(db: Db, { lineId, now }: { lineId: bigint; now: Date }): Promise<LineMatched | null> {
  return inTransaction(db, async (tx) => {
    const seen = await tx.ledgerLine.findUnique({ where: { id: lineId } });
    if (!seen || seen.matchStatus !== "PENDING") return null;
    const account = await tx.collectionAccount.findUniqueOrThrow({ where: { id: seen.collectionAccountId } });
    const found = seen.direction === "OUT" ? null : await findLinePayment(tx, seen, account);
    if (found) {
      await lockPaymentStatus(tx, found.id);
      // Chosen before its lock: if it changed meanwhile (took its own receipt), the next run chooses again.
      if (found.by === "reference" && (await findLinePayment(tx, seen, account))?.id !== found.id) return null;
    }
    const locked = await tx.$queryRaw<{ id: bigint }[]>`
      SELECT id FROM ledger_lines WHERE id = ${lineId} AND match_status = 'PENDING' FOR UPDATE SKIP LOCKED`;
    if (!locked[0]) return null;
    const line = await tx.ledgerLine.findUniqueOrThrow({ where: { id: lineId } });
    if (line.lastSeenAt.getTime() !== seen.lastSeenAt.getTime()) return null;

    if (line.direction === "OUT") {
      const out = await findLineRefund(tx, line);
      const outcome = moneyOutOutcome(line, out);
      if (!outcome) return null;
      return mark(tx, line, out.kind === "refund" || out.kind === "unknown_reversal" ? out.paymentId : null, outcome, now);
    }
    if (!found) return mark(tx, line, null, { status: "UNATTACHED", note: unattachedNote(line) }, now);

    const payment = await tx.payment.findUniqueOrThrow({ where: { id: found.id }, select: { phone: true, mpesaReceipt: true, status: true } });
    const settled = await settlePayment(tx, { paymentId: found.id, input: ledgerObservation(line, lineDisagreement(line, payment, found.by === "reference")), now });
    const outcome = matchOutcome(found.id, line.receipt, settled);
    await clearLedgerMissing(tx, found.id, line);
    // MATCHED too: a late callback may have given the payment this receipt since the C2B twin was kept.
    if (outcome.status === "FILLED" || outcome.status === "HEALED" || outcome.status === "MATCHED") await closeUnattachedReceipt(tx, line, found.id, now);
    return mark(tx, line, found.id, outcome, now);
  });
}

async function mark(tx: Prisma.TransactionClient, line: LedgerLine, paymentId: string | null, outcome: MatchOutcome, now: Date): Promise<LineMatched> {
  // The line's match columns, never what its sources told (recordLedgerLine owns those).
  await tx.ledgerLine.update({ where: { id: line.id }, data: { matchStatus: outcome.status, paymentId, matchedAt: now, matchNote: outcome.note } });
  return { lineId: line.id, paymentId, ...outcome };
}

/**
 * The C2B confirmation of this money may have found no payment to settle (its payment had been
 * settled by a status query, without a receipt) and been kept as an unattached receipt; now that
 * the ledger gave the payment its receipt, that receipt is no longer finance's to attach.
 */
async function closeUnattachedReceipt(tx: Prisma.TransactionClient, line: LedgerLine, paymentId: string, now: Date): Promise<void> {
  await tx.unattachedReceipt.updateMany({
    where: { collectionAccountId: line.collectionAccountId, receipt: line.receipt, status: "UNATTACHED" },
    data: { status: "ATTACHED", paymentId, resolvedBy: "ledger matching", resolvedAt: now, resolutionReason: `M-Pesa's ledger line ${line.id} settled payment ${paymentId} with this receipt` },
  });
}
