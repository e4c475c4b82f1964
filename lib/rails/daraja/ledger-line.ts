import type { B2cOutcome } from "./initiator/b2c-result";
import type { ParsedStkCallback } from "./callback";
import { c2bPayerName, type C2bNotification } from "./c2b/notification";
import { majorToMinor } from "./money";
import { readMsisdn, type MsisdnEvidence } from "./msisdn-evidence";
import type { PullTransaction } from "./pull/response";
import type { ReversalOutcome } from "./initiator/reversal-result";
import type { StatementLine } from "./statement/statement-line";
import type { TransactionStatusOutcome } from "./initiator/transaction-status-result";

/**
 * One line of M-Pesa's own ledger as one source saw it: the shape every source is converted to,
 * so a ledger can key on (receipt, shortcode) and let each source add what it knows. Amounts are
 * positive minor units; `direction` says which way the money went for our shortcode.
 */
export type LedgerSource = "stk_callback" | "c2b_confirmation" | "pull" | "statement" | "transaction_status" | "reversal_result" | "b2c_result";

export interface LedgerLine {
  source: LedgerSource;
  receipt: string;
  /** The organisation shortcode (paybill, till or B2C) whose account the line is on, when known. */
  shortcode: string | null;
  direction: "in" | "out" | "unknown";
  amountMinor: number;
  currency: "KES";
  completedAt: Date | null;
  /** The customer's number as far as this source tells it: often masked or hashed. */
  msisdn: MsisdnEvidence | null;
  counterpartyName: string | null;
  /** BillRefNumber / AccountReference / A/C No. */
  accountReference: string | null;
  /** For a reversal, the receipt it gave back. */
  linkedReceipt: string | null;
  /** M-Pesa's own label for the kind of transaction, as this source spells it. */
  transactionType: string | null;
}

const base = { currency: "KES" as const, linkedReceipt: null, accountReference: null, counterpartyName: null, msisdn: null };

/** A successful STK callback (whole shillings) is money in. `accountReference` is what the push sent; the callback names no type. */
export function ledgerLineFromStkCallback(cb: ParsedStkCallback, context: { shortcode: string | null; accountReference?: string | null }): LedgerLine | null {
  if (cb.classification.outcome !== "succeeded" || !cb.receipt || cb.amount === undefined || !Number.isInteger(cb.amount)) return null;
  return { ...base, source: "stk_callback", receipt: cb.receipt.toUpperCase(), shortcode: context.shortcode, direction: "in",
    amountMinor: majorToMinor(cb.amount), completedAt: cb.transactionDate ?? null, msisdn: cb.phone ? readMsisdn(cb.phone) : null,
    accountReference: context.accountReference ?? null, transactionType: null };
}

export function ledgerLineFromC2b(n: C2bNotification): LedgerLine {
  return { ...base, source: "c2b_confirmation", receipt: n.receipt, shortcode: n.businessShortCode, direction: "in", amountMinor: n.amountMinor,
    completedAt: n.transTime, msisdn: n.msisdn, counterpartyName: c2bPayerName(n), accountReference: n.billRefNumber, transactionType: n.transactionType };
}

export function ledgerLineFromPull(t: PullTransaction, shortcode: string): LedgerLine {
  return { ...base, source: "pull", receipt: t.receipt, shortcode, direction: t.direction, amountMinor: t.amountMinor, completedAt: t.completedAt,
    msisdn: t.msisdn, counterpartyName: t.payerName, accountReference: t.billReference, transactionType: t.transactionType };
}

/**
 * Only a Completed transaction with a receipt and an amount is a ledger line; the direction comes
 * from which party is ours: the shortcode, or one of `ownParties` (a till under its store number).
 */
export function ledgerLineFromTransactionStatus(outcome: TransactionStatusOutcome, shortcode: string, ownParties: readonly string[] = []): LedgerLine | null {
  if (outcome.kind !== "found" || !outcome.completed || !outcome.receipt || outcome.amountMinor === null) return null;
  const ours = (party: { identifier: string } | null) => party !== null && (party.identifier === shortcode || ownParties.includes(party.identifier));
  const direction = ours(outcome.creditParty) ? "in" : ours(outcome.debitParty) ? "out" : "unknown";
  const customer = direction === "out" ? outcome.creditParty : outcome.debitParty;
  return { ...base, source: "transaction_status", receipt: outcome.receipt, shortcode, direction, amountMinor: Math.abs(outcome.amountMinor),
    completedAt: outcome.finalisedAt ?? outcome.initiatedAt, msisdn: customer?.msisdn ?? null, counterpartyName: customer?.name ?? null,
    transactionType: outcome.reasonType };
}

export function ledgerLineFromReversal(outcome: ReversalOutcome, shortcode: string): LedgerLine | null {
  if (outcome.kind !== "reversed" || !outcome.reversalReceipt || outcome.amountMinor === null) return null;
  return { ...base, source: "reversal_result", receipt: outcome.reversalReceipt, shortcode, direction: "out", amountMinor: Math.abs(outcome.amountMinor),
    completedAt: outcome.completedAt, msisdn: outcome.creditParty?.msisdn ?? null, counterpartyName: outcome.creditParty?.name ?? null,
    linkedReceipt: outcome.originalReceipt, transactionType: "Reversal" };
}

export function ledgerLineFromB2c(outcome: B2cOutcome, shortcode: string): LedgerLine | null {
  if (outcome.kind !== "paid" || !outcome.receipt || outcome.amountMinor === null) return null;
  return { ...base, source: "b2c_result", receipt: outcome.receipt, shortcode, direction: "out", amountMinor: Math.abs(outcome.amountMinor),
    completedAt: outcome.completedAt, msisdn: outcome.receiver?.msisdn ?? null, counterpartyName: outcome.receiver?.name ?? null,
    transactionType: "Business Payment to Customer via API" };
}

/**
 * Customer money in a statement: payments in, reversals, B2C payouts. Charge twins (they repeat the
 * payment's receipt) and internal sweeps between the organisation's own accounts are not ledger
 * lines (null); failed rows neither.
 */
export function ledgerLineFromStatement(line: StatementLine, shortcode: string): LedgerLine | null {
  if (line.kind === "charge" || line.kind === "internal_transfer") return null;
  if (line.status !== null && line.status.toLowerCase() !== "completed") return null;
  const direction = line.paidInMinor > 0 ? "in" : line.withdrawnMinor > 0 ? "out" : null;
  if (!direction) return null;
  return { ...base, source: "statement", receipt: line.receipt, shortcode, direction,
    amountMinor: direction === "in" ? line.paidInMinor : line.withdrawnMinor, completedAt: line.completedAt,
    msisdn: line.otherParty?.msisdn ?? null, counterpartyName: line.otherParty?.name ?? null, accountReference: line.accountNumber,
    linkedReceipt: line.linkedReceipt, transactionType: line.reasonType ?? line.kind };
}
