import type { Observation, ObservationEvidence } from "@/lib/payments/observation";
import type { MsisdnEvidence } from "@/lib/rails/daraja/msisdn-evidence";
import type { C2bNotification } from "@/lib/rails/daraja/c2b/notification";

/** The facts of a C2B payment that outlive its body: what an unattached receipt stores. */
export interface C2bFacts {
  receipt: string;
  amountMinor: number;
  msisdn: string | null;
  transTime: Date | null;
  billRefNumber: string | null;
  transactionType: string | null;
}

/**
 * The payer's number as it may be stored and compared: masked or hashed as M-Pesa sent it. A full
 * number (no C2B version sends one any more) is kept masked too, so nothing here is ever a full number.
 */
export function storedMsisdn(evidence: MsisdnEvidence | null): string | null {
  if (!evidence) return null;
  return evidence.kind === "hashed" ? evidence.sha256 : evidence.display;
}

export function c2bFactsOf(n: C2bNotification): C2bFacts {
  return {
    receipt: n.receipt, amountMinor: n.amountMinor, msisdn: storedMsisdn(n.msisdn), transTime: n.transTime,
    billRefNumber: n.billRefNumber?.trim() || null, transactionType: n.transactionType,
  };
}

/**
 * A C2B payment in the core's words: money received, with its receipt, amount (payments hold whole
 * shillings; a fraction is passed as sent so the settle path's amount check catches it), the
 * payer's masked or hashed number and M-Pesa's time. Its one input is the settle path.
 */
export function c2bObservation(facts: C2bFacts, evidence: ObservationEvidence, details: Record<string, unknown> = {}): Observation {
  return {
    result: "succeeded",
    resultCode: "0",
    resultDescription: "C2B payment received",
    amount: facts.amountMinor / 100,
    receipt: facts.receipt,
    ...(facts.msisdn ? { phone: facts.msisdn } : {}),
    ...(facts.transTime ? { occurredAt: facts.transTime } : {}),
    source: "c2b",
    evidence,
    details: { receipt: facts.receipt, amount: facts.amountMinor / 100, billRefNumber: facts.billRefNumber, transactionType: facts.transactionType, ...details },
  };
}
