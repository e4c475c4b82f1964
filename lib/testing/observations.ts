import type { Observation } from "@/lib/payments/observation";

/** A callback's facts as the decision tests write them (the Daraja rail builds the real ones). */
export interface CallbackFacts {
  resultCode: string;
  outcome: "succeeded" | "failed" | "cancelled" | "unknown";
  amount?: number;
  receipt?: string;
  phone?: string;
}

/** A final status query answer's facts: a result code, classified. */
export interface QueryFacts {
  resultCode: string;
  outcome: "succeeded" | "failed" | "cancelled";
}

export function callbackObservation(facts: CallbackFacts): Observation {
  return {
    result: facts.outcome, resultCode: facts.resultCode, resultDescription: "", source: "callback", evidence: {},
    ...(facts.amount !== undefined ? { amount: facts.amount } : {}),
    ...(facts.receipt !== undefined ? { receipt: facts.receipt } : {}),
    ...(facts.phone !== undefined ? { phone: facts.phone } : {}),
  };
}

export function queryObservation(facts: QueryFacts): Observation {
  return { result: facts.outcome, resultCode: facts.resultCode, resultDescription: "", source: "query", evidence: {} };
}
