import type { LedgerMatchStatus, PaymentStatus } from "@/lib/generated/prisma/client";
import type { MoneyOut } from "@/lib/ledger/find-line-refund";
import type { SettleResult } from "@/lib/payments/settle-payment";

export interface MatchOutcome {
  status: Exclude<LedgerMatchStatus, "PENDING">;
  /** In words for finance, shown beside the line. */
  note: string;
}

/**
 * What matching made of a line, from what the settle path did with it: a receipt filled in
 * (FILLED), a payment settled or healed (HEALED), nothing new because the payment already holds
 * the receipt (MATCHED), or a payment sent to or kept in review (MISMATCHED). Pure.
 */
export function matchOutcome(paymentId: string, receipt: string, settled: Pick<SettleResult, "decision" | "outcome" | "reason"> & { before: { status: PaymentStatus } }): MatchOutcome {
  const { decision, outcome, before } = settled;
  if (outcome === "applied") {
    if (decision.kind === "fill_receipt") return { status: "FILLED", note: `Filled in receipt ${receipt} on payment ${paymentId}, which had been settled without one` };
    if (decision.kind === "succeed") {
      return {
        status: "HEALED",
        note: before.status === "EXPIRED"
          ? `Healed payment ${paymentId}: it had expired, and M-Pesa's ledger shows it paid (settled late)`
          : `Settled payment ${paymentId}, whose own answer had not come, from M-Pesa's ledger`,
      };
    }
    if (decision.kind === "review") return { status: "MISMATCHED", note: `Sent payment ${paymentId} to review: ${settled.reason ?? decision.reason}` };
  }
  if (outcome === "duplicate" && before.status !== "REVIEW") return { status: "MATCHED", note: `Payment ${paymentId} already holds receipt ${receipt}` };
  if (before.status === "REVIEW") return { status: "MISMATCHED", note: `Payment ${paymentId} is under review: a person decides whether receipt ${receipt} is its money` };
  return { status: "MISMATCHED", note: `Payment ${paymentId} (${before.status.toLowerCase()}) could not take receipt ${receipt}${settled.reason ? `: ${settled.reason}` : ""}` };
}

/** The note of a line no payment could be found for. */
export function unattachedNote(line: { receipt: string; accountReference: string | null; amountMinor: number; currency: string }): string {
  const amount = `${line.currency} ${line.amountMinor / 100}`;
  return line.accountReference
    ? `No payment holds receipt ${line.receipt}, and none of this account has reference ${JSON.stringify(line.accountReference)} and amount ${amount}`
    : `No payment holds receipt ${line.receipt}, and the line names no account reference to match (${amount})`;
}

/**
 * What matching makes of a line of money out (find-line-refund.ts), in words for finance: a
 * refund's line (REFUND), a reversal no Malipo refund accounts for (UNKNOWN_REVERSAL, an
 * exception), or other money out (NOT_A_PAYMENT). Null while the line's refund still waits for
 * its outcome: the line stays PENDING. Pure.
 */
export function moneyOutOutcome(line: { receipt: string; linkedReceipt: string | null; transactionType: string | null }, out: MoneyOut): MatchOutcome | null {
  switch (out.kind) {
    case "refund":
      return { status: "REFUND", note: `Refund ${out.refundId} of payment ${out.paymentId} (${out.method === "b2c" ? "B2C payout" : "reversal"} ${line.receipt})` };
    case "refund_in_flight":
      return null;
    case "refund_amount_differs":
      return { status: "MISMATCHED", note: `Refund ${out.refundId} of payment ${out.paymentId} holds receipt ${line.receipt}, but for another amount than this line's (${out.refundMinor / 100}): check the refund's receipt against the statement` };
    case "unknown_reversal": {
      const of = line.linkedReceipt ? `receipt ${line.linkedReceipt}` : "a receipt it does not name";
      const payment = out.paymentId ? ` (payment ${out.paymentId})` : line.linkedReceipt ? ", which no Malipo payment holds" : "";
      const failed = out.failedRefundId ? ` (Malipo's refund ${out.failedRefundId} of this payment failed)` : "";
      return { status: "UNKNOWN_REVERSAL", note: `M-Pesa reversed ${of}${payment} in reversal ${line.receipt}, and no Malipo refund accounts for it${failed}: reversed on the org portal? Check with whoever reversed it` };
    }
    case "other":
      return { status: "NOT_A_PAYMENT", note: `Money out of the account${line.transactionType ? ` (${line.transactionType})` : ""}: not a customer payment` };
  }
}
