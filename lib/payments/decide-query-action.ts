import { decideCallbackAction, type CallbackAction, type PaymentFacts } from "@/lib/payments/decide-callback-action";

/** A final answer of the STK push query: a result code, classified (never "pending" here). */
export interface QueryFacts {
  resultCode: string;
  outcome: "succeeded" | "failed" | "cancelled";
}

/**
 * What a final query answer does to a payment: the callback rules, so a late or contradictory answer
 * behaves exactly as the same callback would (success after EXPIRED → late success, after
 * FAILED/CANCELLED → REVIEW, failure after success → stale). The query answers for the payment's own
 * CheckoutRequestID but reports neither amount nor receipt: the amount is taken as the one requested
 * (a callback that later reports another amount still sends the payment to REVIEW), and a success
 * is applied without a receipt, so it is flagged as missing one.
 */
export function decideQueryAction(payment: PaymentFacts, answer: QueryFacts): Exclude<CallbackAction, { kind: "fill_receipt" }> {
  const action = decideCallbackAction(payment, { resultCode: answer.resultCode, outcome: answer.outcome, amount: payment.amount }, null);
  // Without a receipt a success is never a fill-in; the rules only propose one when a receipt came.
  if (action.kind === "fill_receipt") return { kind: "duplicate" };
  return action;
}
