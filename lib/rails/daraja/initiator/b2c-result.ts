import { textOf } from "../daraja-api";
import { parseEatDateTime } from "../eat-time";
import type { InitiatorResult } from "./result";
import { classifyInitiatorResult, type InitiatorResultClassification } from "./result-codes";
import { parseAmountMinor } from "../money";
import { readResultParty, type ResultParty } from "./result-party";

/**
 * A B2C result. Success only when ResultCode is 0: a failure may carry a real-looking
 * TransactionID too. TransactionCompletedDateTime is `dd.MM.yyyy HH:mm:ss` (EAT), unlike every
 * other Daraja date. The fee is not here (Transaction Status shows it).
 */
export type B2cOutcome =
  | {
      kind: "paid";
      receipt: string | null;
      amountMinor: number | null;
      receiver: ResultParty | null;
      completedAt: Date | null;
      utilityAvailableMinor: number | null;
      workingAvailableMinor: number | null;
      chargesPaidAvailableMinor: number | null;
      recipientRegistered: boolean | null;
      classification: InitiatorResultClassification;
    }
  | { kind: "failed"; classification: InitiatorResultClassification; resultDesc: string };

export function readB2cResult(result: InitiatorResult): B2cOutcome {
  const classification = classifyInitiatorResult("b2c", result.resultCode);
  if (classification.outcome !== "succeeded") return { kind: "failed", classification, resultDesc: result.resultDesc };
  const p = result.parameters;
  const registered = textOf(p.B2CRecipientIsRegisteredCustomer)?.toUpperCase();
  return {
    kind: "paid",
    receipt: (textOf(p.TransactionReceipt) ?? result.transactionId)?.toUpperCase() ?? null,
    amountMinor: parseAmountMinor(p.TransactionAmount),
    receiver: readResultParty(p.ReceiverPartyPublicName),
    completedAt: parseEatDateTime(p.TransactionCompletedDateTime),
    utilityAvailableMinor: parseAmountMinor(p.B2CUtilityAccountAvailableFunds),
    workingAvailableMinor: parseAmountMinor(p.B2CWorkingAccountAvailableFunds),
    chargesPaidAvailableMinor: parseAmountMinor(p.B2CChargesPaidAccountAvailableFunds),
    recipientRegistered: registered === "Y" ? true : registered === "N" ? false : null,
    classification,
  };
}
