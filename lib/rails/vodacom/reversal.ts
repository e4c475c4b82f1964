import type { VodacomAnswer } from "./call";
import type { VodacomConfig } from "./config";
import { reversalConversationId } from "./conversation-id";
import { formatVodacomAmount } from "./markets";
import { readTransactionAnswer, type TransactionAnswer } from "./transaction-answer";
import { checkAmount, checkTransactionId, type Checked } from "./validation";

/** Reversal (PUT): refunds a payment in whole or in part (FACTS.md, Reversal). */

export interface ReversalInput {
  /** The refund this reversal carries out: it alone decides the ThirdPartyConversationID. */
  refundId: string;
  /** M-Pesa's TransactionID of the payment being reversed. */
  transactionId: string;
  /** In minor units; left out, Vodacom reverses the whole amount. */
  amount?: number;
}

export interface ValidReversal {
  refundId: string;
  transactionId: string;
  amount: number | null;
  thirdPartyConversationId: string;
}

/** `succeeded.transactionId` is the reversal's own new M-Pesa id, not the payment's. */
export type ReversalResult = TransactionAnswer & { thirdPartyConversationId: string | null };

export function validateReversal(config: VodacomConfig, input: ReversalInput): Checked<ValidReversal> & { field?: string } {
  const record = (typeof input === "object" && input !== null ? input : {}) as Partial<ReversalInput>;
  if (typeof record.refundId !== "string" || record.refundId.trim() === "") return { ok: false, field: "refundId", message: "A refund id is required" };
  const transactionId = checkTransactionId(record.transactionId);
  if (!transactionId.ok) return { ...transactionId, field: "transactionId" };
  let amount: number | null = null;
  if (record.amount !== undefined) {
    // The account's push limit says nothing about how much of a payment may be given back.
    const checked = checkAmount(record.amount, config.market, null);
    if (!checked.ok) return { ...checked, field: "amount" };
    amount = checked.value;
  }
  return { ok: true, value: { refundId: record.refundId, transactionId: transactionId.value, amount, thirdPartyConversationId: reversalConversationId(record.refundId) } };
}

export function buildReversalBody(config: VodacomConfig, reversal: ValidReversal): Record<string, string> {
  return {
    input_Country: config.market.country,
    ...(reversal.amount === null ? {} : { input_ReversalAmount: formatVodacomAmount(reversal.amount, config.market) }),
    input_ServiceProviderCode: config.serviceProviderCode,
    input_ThirdPartyConversationID: reversal.thirdPartyConversationId,
    input_TransactionID: reversal.transactionId,
  };
}

export function readReversalAnswer(config: VodacomConfig, answer: VodacomAnswer, thirdPartyConversationId: string): ReversalResult {
  return { ...readTransactionAnswer("reversal", config.responseMode, answer), thirdPartyConversationId };
}
