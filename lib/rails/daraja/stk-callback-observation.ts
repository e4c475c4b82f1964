import type { ParsedStkCallback } from "@/lib/rails/daraja/callback";
import { failureCodeFor } from "@/lib/rails/daraja/failure-codes";
import type { ResultClassification } from "@/lib/rails/daraja/result-codes";
import type { Observation, ObservationEvidence, ObservationResult } from "@/lib/payments/observation";

/** A Daraja STK callback in the core's words (lib/payments/observation.ts), result codes classified by code. */
export function stkCallbackObservation(callback: ParsedStkCallback, { evidence, matchedByWindow = false }: { evidence: ObservationEvidence; matchedByWindow?: boolean }): Observation {
  return {
    ...classifiedStk(callback.classification, callback.resultDesc),
    ...(callback.amount !== undefined ? { amount: callback.amount } : {}),
    ...(callback.receipt !== undefined ? { receipt: callback.receipt } : {}),
    ...(callback.phone !== undefined ? { phone: callback.phone } : {}),
    ...(callback.transactionDate ? { occurredAt: callback.transactionDate } : {}),
    source: "callback",
    evidence,
    matchedByWindow,
    // The callback's facts for the timeline; the phone number stays in the payment row only.
    details: {
      resultCode: callback.resultCode, resultDesc: callback.resultDesc, checkoutRequestId: callback.checkoutRequestId,
      merchantRequestId: callback.merchantRequestId, amount: callback.amount, receipt: callback.receipt,
    },
  };
}

export function classifiedStk(classification: ResultClassification, resultDescription: string): Pick<Observation, "result" | "resultCode" | "resultDescription" | "reason" | "failureCode"> {
  const result: ObservationResult = classification.outcome;
  const failed = result === "failed" || result === "cancelled";
  return { result, resultCode: classification.code, resultDescription, reason: classification.reason, ...(failed ? { failureCode: failureCodeFor(classification.code) } : {}) };
}
