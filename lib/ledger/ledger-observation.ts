import type { LedgerLine, Payment } from "@/lib/generated/prisma/client";
import { maskPhone } from "@/lib/logger";
import type { Observation } from "@/lib/payments/observation";
import { msisdnMatches, type MsisdnEvidence } from "@/lib/rails/daraja/msisdn-evidence";

/** What of a stored ledger line the matcher reads. */
export type StoredLedgerLine = Pick<LedgerLine, "id" | "receipt" | "amountMinor" | "currency" | "completedAt" | "msisdn" | "sources" | "accountReference" | "disagreement" | "transactionType">;

export function evidenceOf(line: Pick<LedgerLine, "msisdn">): MsisdnEvidence | null {
  return (line.msisdn as MsisdnEvidence | null) ?? null;
}

/**
 * Why the line cannot simply be this payment's money, in words for finance: its sources disagree
 * (another amount, direction or payment), or, when only its reference and amount tied it to the
 * payment, its payer's number is certainly not the one the prompt went to. A line tied by its
 * receipt is the payment's whatever a masked number hints (the settle path still compares a full
 * one). Null when nothing contradicts it; the amount is the settle path's own check.
 */
export function lineDisagreement(line: StoredLedgerLine, payment: Pick<Payment, "phone" | "mpesaReceipt" | "status">, byReference: boolean): string | null {
  if (line.disagreement) return `M-Pesa's sources disagree about receipt ${line.receipt}: ${line.disagreement}`;
  // A statement is a file a finance user uploaded, not M-Pesa's own word (nothing signs it): on its
  // own it never makes a payment paid. A person confirms it; Pull, a callback or a C2B confirmation
  // of the same receipt settles it without one. (It may still give a paid payment its receipt.)
  if (line.sources.every((source) => source === "statement") && payment.status !== "SUCCEEDED" && payment.mpesaReceipt !== line.receipt) {
    return `only an uploaded statement lists receipt ${line.receipt}; confirm it against M-Pesa before accepting it`;
  }
  const evidence = evidenceOf(line);
  if (byReference && evidence && !msisdnMatches(evidence, payment.phone)) {
    return `M-Pesa's ledger shows receipt ${line.receipt} paid from ${evidence.display}, not from ${maskPhone(payment.phone)} the payment is for`;
  }
  return null;
}

/**
 * The payer's number as the settle path compares and stores it: a full number as is, a digest as
 * the digest, anything masked as its masked display (never more than the source told).
 */
function reportedPhone(evidence: MsisdnEvidence | null): string | undefined {
  if (!evidence) return undefined;
  if (evidence.kind === "full") return evidence.msisdn;
  return evidence.kind === "hashed" ? evidence.sha256 : evidence.display;
}

/** A ledger line in the core's words: money M-Pesa lists, with its receipt, amount, payer and time. */
export function ledgerObservation(line: StoredLedgerLine, disagreement: string | null): Observation {
  const phone = reportedPhone(evidenceOf(line));
  return {
    result: "succeeded",
    resultCode: "0",
    resultDescription: `Listed in M-Pesa's ledger (${line.sources.join(", ")})`,
    // Payments hold whole shillings: a fraction stays a fraction, so the amount check catches it.
    amount: line.amountMinor / 100,
    currency: line.currency,
    receipt: line.receipt,
    ...(phone ? { phone } : {}),
    ...(line.completedAt ? { occurredAt: line.completedAt } : {}),
    source: "ledger",
    evidence: { ledgerLineId: String(line.id) },
    ...(disagreement ? { disagreement } : {}),
    details: { ledgerLineId: String(line.id), receipt: line.receipt, amount: line.amountMinor / 100, sources: line.sources, accountReference: line.accountReference },
  };
}
