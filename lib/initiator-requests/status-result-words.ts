import type { Prisma } from "@/lib/generated/prisma/client";
import { maskPhone } from "@/lib/logger";
import type { TransactionStatusOutcome } from "@/lib/rails/daraja/initiator/transaction-status-result";
import type { LedgerLine } from "@/lib/rails/daraja/ledger-line";
import { msisdnMatches } from "@/lib/rails/daraja/msisdn-evidence";

type Found = Extract<TransactionStatusOutcome, { kind: "found" }>;

/** What a found transaction is, in words for finance; the payer's number masked. */
export function describeStatusResult(outcome: Found): string {
  const status = outcome.status ?? "of unknown status";
  const amount = outcome.amountMinor === null ? "no amount" : `KES ${(outcome.amountMinor / 100).toLocaleString("en-KE")}`;
  // A customer's number only ever masked; a party that is no number (a shortcode) as it is.
  const payer = outcome.debitParty ? (outcome.debitParty.msisdn?.display ?? outcome.debitParty.identifier) : "an unnamed payer";
  const when = outcome.finalisedAt ?? outcome.initiatedAt;
  return `M-Pesa says receipt ${outcome.receipt ?? "(none)"} is ${status}: ${amount} from ${payer}${when ? ` at ${when.toISOString()}` : ""}${outcome.reasonType ? ` (${outcome.reasonType})` : ""}.`;
}

/**
 * Whether a receipt someone looked up for a payment may be named as that payment's money: only
 * when the payment holds no other receipt, the amounts are equal and the payer's number (which
 * Transaction Status gives in full) is the one the prompt went to. A person typed the receipt; a
 * typo must not pay someone else's order. When it may not, the note says why and the line is left
 * to the matcher, which ties it by receipt or reference or keeps it unattached.
 */
export async function paymentHintOf(tx: Prisma.TransactionClient, paymentId: string | null, line: LedgerLine): Promise<{ paymentId: string | null; note: string | null }> {
  if (!paymentId) return { paymentId: null, note: null };
  const payment = await tx.payment.findUnique({ where: { id: paymentId }, select: { id: true, amount: true, phone: true, mpesaReceipt: true } });
  if (!payment) return { paymentId: null, note: null };
  const not = (why: string) => ({ paymentId: null, note: `not attached to payment ${payment.id}: ${why}` });
  if (payment.mpesaReceipt && payment.mpesaReceipt !== line.receipt) return not(`it already holds receipt ${payment.mpesaReceipt}`);
  if (line.direction !== "in") return not("the transaction is not money into the account");
  if (line.amountMinor !== payment.amount * 100) return not(`the receipt is for KES ${line.amountMinor / 100}, the payment for KES ${payment.amount}`);
  if (!line.msisdn || !msisdnMatches(line.msisdn, payment.phone)) {
    return not(`the receipt was paid from ${line.msisdn?.display ?? "an unknown number"}, the payment is for ${maskPhone(payment.phone)}`);
  }
  return { paymentId: payment.id, note: `for payment ${payment.id}` };
}
