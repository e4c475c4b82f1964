import { parseCharge } from "./account-balance";
import { parseEatDateTime } from "../eat-time";
import type { InitiatorResult } from "./result";
import { classifyInitiatorResult, type InitiatorResultClassification } from "./result-codes";
import { parseAmountMinor } from "../money";
import { readResultParty, type ResultParty } from "./result-party";
import { textOf } from "../daraja-api";

/**
 * A Transaction Status result, read by Key. ResultCode 0 only says the question was answered:
 * the money moved only when TransactionStatus is "Completed". Use ReceiptNo, not the envelope's
 * TransactionID (a placeholder built from the query's own date). Times and amounts come as numbers
 * in real results and as strings in the documentation; both are read.
 */
export type TransactionStatusOutcome =
  | {
      kind: "found";
      receipt: string | null;
      /** Initiated, Authorized/Pending, or final: Completed, Cancelled, Declined, Expired. */
      status: string | null;
      completed: boolean;
      amountMinor: number | null;
      /** The payer ("<msisdn> - <name>" for a customer payment, the shortcode for a B2C). */
      debitParty: ResultParty | null;
      creditParty: ResultParty | null;
      initiatedAt: Date | null;
      finalisedAt: Date | null;
      reasonType: string | null;
      debitAccountType: string | null;
      debitPartyCharges: ReturnType<typeof parseCharge>;
      /** The OriginatorConversationID of the request that made the transaction (sometimes without a value). */
      originatorConversationId: string | null;
      conversationId: string | null;
      classification: InitiatorResultClassification;
    }
  | { kind: "failed"; classification: InitiatorResultClassification; resultDesc: string };

export function readTransactionStatusResult(result: InitiatorResult): TransactionStatusOutcome {
  const classification = classifyInitiatorResult("transaction_status", result.resultCode);
  if (classification.outcome !== "succeeded") return { kind: "failed", classification, resultDesc: result.resultDesc };
  const p = result.parameters;
  const status = textOf(p.TransactionStatus);
  return {
    kind: "found",
    receipt: textOf(p.ReceiptNo)?.toUpperCase() ?? null,
    status,
    completed: status?.toLowerCase() === "completed",
    amountMinor: parseAmountMinor(p.Amount),
    debitParty: readResultParty(p.DebitPartyName),
    creditParty: readResultParty(p.CreditPartyName),
    initiatedAt: parseEatDateTime(p.InitiatedTime),
    finalisedAt: parseEatDateTime(p.FinalisedTime),
    reasonType: textOf(p.ReasonType),
    debitAccountType: textOf(p.DebitAccountType),
    debitPartyCharges: parseCharge(p.DebitPartyCharges),
    originatorConversationId: textOf(p.OriginatorConversationID),
    conversationId: textOf(p.ConversationID),
    classification,
  };
}
