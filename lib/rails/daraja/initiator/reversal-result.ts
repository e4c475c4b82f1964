import { parseAccountBalances, type AccountBalance } from "./account-balance";
import { textOf } from "../daraja-api";
import { parseEatDateTime } from "../eat-time";
import type { InitiatorResult } from "./result";
import { classifyInitiatorResult, type InitiatorResultClassification } from "./result-codes";
import { parseAmountMinor } from "../money";
import { readResultParty, type ResultParty } from "./result-party";

/**
 * A Reversal result. On success the envelope's TransactionID is the NEW reversal receipt and
 * OriginalTransactionID the receipt given back: keep both. A failure carries a placeholder
 * TransactionID and no parameters; "R000001" means it was already reversed (by us earlier, or on
 * the portal), which for a refund is not the same as "failed".
 */
export type ReversalOutcome =
  | {
      kind: "reversed";
      reversalReceipt: string | null;
      originalReceipt: string | null;
      amountMinor: number | null;
      completedAt: Date | null;
      chargeMinor: number | null;
      /** The account the money left (the Utility account) after the reversal. */
      debitAccountBalances: AccountBalance[];
      creditParty: ResultParty | null;
      debitParty: ResultParty | null;
      classification: InitiatorResultClassification;
    }
  | { kind: "failed"; classification: InitiatorResultClassification; resultDesc: string };

export function readReversalResult(result: InitiatorResult): ReversalOutcome {
  const classification = classifyInitiatorResult("reversal", result.resultCode);
  if (classification.outcome !== "succeeded") return { kind: "failed", classification, resultDesc: result.resultDesc };
  const p = result.parameters;
  return {
    kind: "reversed",
    reversalReceipt: result.transactionId?.toUpperCase() ?? null,
    originalReceipt: textOf(p.OriginalTransactionID)?.toUpperCase() ?? null,
    amountMinor: parseAmountMinor(p.Amount),
    completedAt: parseEatDateTime(p.TransCompletedTime),
    chargeMinor: parseAmountMinor(p.Charge),
    debitAccountBalances: parseAccountBalances(p.DebitAccountBalance),
    creditParty: readResultParty(p.CreditPartyPublicName),
    debitParty: readResultParty(p.DebitPartyPublicName),
    classification,
  };
}
