import type { CollectionAccount, Prisma } from "@/lib/generated/prisma/client";
import { paymentsOfAccount } from "@/lib/ledger/ledger-account";
import { maskPhone } from "@/lib/logger";
import type { TransactionStatusOutcome } from "@/lib/rails/daraja/initiator/transaction-status-result";
import type { LedgerLine } from "@/lib/rails/daraja/ledger-line";
import { msisdnMatches } from "@/lib/rails/daraja/msisdn-evidence";
import { formatEat } from "@/lib/time/eat";

type Found = Extract<TransactionStatusOutcome, { kind: "found" }>;

/** How near in time another payment of the same customer and amount makes a looked-up receipt ambiguous. */
const AMBIGUITY_WINDOW_MS = 24 * 3600_000;

/** Minor units as finance reads them: "KES 1,500" or "KES 1,500.50". */
export function formatMinorKes(minor: number): string {
  const whole = minor % 100 === 0;
  return `KES ${(minor / 100).toLocaleString("en-KE", { minimumFractionDigits: whole ? 0 : 2, maximumFractionDigits: 2 })}`;
}

/** What a found transaction is, in words for finance: the payer's number masked, the time in EAT, no names. */
export function describeStatusResult(outcome: Found): string {
  const status = outcome.status ?? "of unknown status";
  const amount = outcome.amountMinor === null ? "no amount" : formatMinorKes(outcome.amountMinor);
  const party = outcome.debitParty;
  // A number M-Pesa gave in full is masked; an identifier that is no number we can read is shown only by its last digits.
  const payer = !party ? "an unnamed payer" : party.msisdn ? party.msisdn.display : /^\d{6,}$/.test(party.identifier) && party.identifier.length > 9 ? `****${party.identifier.slice(-3)}` : party.identifier;
  const when = outcome.finalisedAt ?? outcome.initiatedAt;
  return `M-Pesa says receipt ${outcome.receipt ?? "(none)"} is ${status}: ${amount} from ${payer}${when ? ` at ${formatEat(when)} EAT` : ""}${outcome.reasonType ? ` (${outcome.reasonType})` : ""}.`;
}

/**
 * Whether a receipt someone looked up for a payment may be named as that payment's money. A
 * person typed the receipt on this payment's page: a typo, or the right receipt on the wrong
 * page, must neither pay someone else's order nor unsettle the payment the money belongs to. So
 * only when no other payment holds the receipt or its ledger line, the payment holds no other
 * receipt, the money came in, the amounts are equal, the payer's number (Transaction Status gives
 * it in full) is the one the prompt went to, and no other payment of that customer for that
 * amount near that time could be it. Otherwise the note says why, and the line is left to the
 * matcher, which ties it by receipt or reference, or keeps it for finance.
 */
export async function paymentHintOf(
  tx: Prisma.TransactionClient,
  paymentId: string | null,
  line: LedgerLine,
  account: Pick<CollectionAccount, "id" | "source" | "storefrontId" | "mode">,
): Promise<{ paymentId: string | null; note: string | null }> {
  if (!paymentId) return { paymentId: null, note: null };
  const payment = await tx.payment.findUnique({ where: { id: paymentId }, select: { id: true, amount: true, phone: true, mpesaReceipt: true } });
  if (!payment) return { paymentId: null, note: null };
  const not = (why: string) => ({ paymentId: null, note: `not attached to payment ${payment.id}: ${why}` });
  const holder = await tx.payment.findUnique({ where: { mpesaReceipt: line.receipt }, select: { id: true } });
  if (holder && holder.id !== payment.id) return not(`receipt ${line.receipt} is payment ${holder.id}'s`);
  const known = await tx.ledgerLine.findUnique({ where: { collectionAccountId_receipt: { collectionAccountId: account.id, receipt: line.receipt } }, select: { paymentId: true } });
  if (known?.paymentId && known.paymentId !== payment.id) return not(`M-Pesa's ledger already ties receipt ${line.receipt} to payment ${known.paymentId}`);
  if (payment.mpesaReceipt && payment.mpesaReceipt !== line.receipt) return not(`it already holds receipt ${payment.mpesaReceipt}`);
  if (line.direction !== "in") return not("the transaction is not money into this account");
  if (line.amountMinor !== payment.amount * 100) return not(`the receipt is for ${formatMinorKes(line.amountMinor)}, the payment for ${formatMinorKes(payment.amount * 100)}`);
  if (!line.msisdn || !msisdnMatches(line.msisdn, payment.phone)) {
    return not(`the receipt was paid from ${line.msisdn?.display ?? "an unknown number"}, the payment is for ${maskPhone(payment.phone)}`);
  }
  const around = line.completedAt ?? new Date();
  const twin = await tx.payment.findFirst({
    where: {
      AND: [paymentsOfAccount(account), {
        id: { not: payment.id }, phone: payment.phone, amount: payment.amount, mpesaReceipt: null,
        createdAt: { gte: new Date(around.getTime() - AMBIGUITY_WINDOW_MS), lte: new Date(around.getTime() + AMBIGUITY_WINDOW_MS) },
      }],
    },
    select: { id: true },
  });
  if (twin) return not(`payment ${twin.id}, of the same customer and amount, could be this money too: finance decides which`);
  return { paymentId: payment.id, note: `for payment ${payment.id}` };
}
