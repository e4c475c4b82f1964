/**
 * What a rail says happened to a payment attempt, in the core's own words: the one input of the
 * settle path (settle-payment.ts), whoever learned it — a callback, a status query, a ledger line,
 * a C2B confirmation, an admin who checked the statement. Rails build observations from their own
 * shapes (lib/rails/*); the core never sees a Daraja or Vodacom body.
 */

/** `unknown`: a result code nobody recognises, so neither a success nor a failure (a person decides). */
export type ObservationResult = "succeeded" | "failed" | "cancelled" | "pending" | "unknown";

export type ObservationSource = "callback" | "query" | "ledger" | "c2b" | "admin";

/** Which stored record the observation came from, for the timeline and an audit of the decision. */
export interface ObservationEvidence {
  callbackLogId?: bigint;
  /** The payment's query count including this one. */
  queryNumber?: number;
  ledgerLineId?: string;
}

export interface Observation {
  result: ObservationResult;
  /** The rail's result code as sent ("0", "1032", "INS-0"…); compared by value, never by prose. */
  resultCode: string;
  resultDescription: string;
  /** The rail's classification of the code, in words for finance staff ("The customer cancelled…"). */
  reason?: string;
  /** The stable failure_code storefronts branch on, for a failure or a cancellation. */
  failureCode?: string;
  /** In the currency's minor unit as the rail reports it; a fraction is kept as sent so the check catches it. */
  amount?: number;
  /**
   * The rail's notification names no amount at all (Vodacom's posted results): the amount is then
   * the one requested, as for a status query, and its absence is no sign of a different one.
   */
  amountNotReported?: true;
  currency?: string;
  receipt?: string;
  /** As the rail reported it: normalised digits, or masked or hashed as sent. */
  phone?: string;
  /** When the provider recorded the transaction. */
  occurredAt?: Date;
  source: ObservationSource;
  evidence: ObservationEvidence;
  /** The attempt it answers (matched by the rail's ids); absent when only the payment is known. */
  attemptId?: string;
  /**
   * Matched to the payment by phone, amount and time alone (the rail's ids and URL named none): a
   * likelihood, not proof, so a success goes to REVIEW for a person to confirm.
   */
  matchedByWindow?: boolean;
  /**
   * Why this money cannot simply be this payment's, said by whoever matched it (a ledger line two
   * sources disagree about, a payer's number that is certainly another): a success goes to REVIEW
   * whatever the payment's state, for a person to decide.
   */
  disagreement?: string;
  /** What the rail said, for the timeline entry (ids, raw figures); never phone numbers. */
  details?: Record<string, unknown>;
}

/**
 * Callbacks, C2B confirmations and ledger lines describe the money itself (amount, receipt, phone,
 * time): a success without a matching amount is suspect. A status query and an admin's resolution
 * only say what happened, so the amount is the one requested and there is no receipt.
 */
export function reportsTransaction(observation: Pick<Observation, "source">): boolean {
  return observation.source === "callback" || observation.source === "c2b" || observation.source === "ledger";
}
