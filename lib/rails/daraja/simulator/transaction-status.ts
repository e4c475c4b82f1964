import type { IncomingMessage, ServerResponse } from "node:http";
import { darajaTimestamp } from "../password";
import { requireBearer } from "./auth";
import type { SimulatorContext } from "./context";
import { fullName } from "./customers";
import { invalidField, sendDarajaError } from "./daraja-errors";
import { readDarajaBody } from "./http";
import { acceptInitiatorRequest, type ProcessOutcome } from "./initiator-endpoint";
import type { SimTransaction } from "./ledger-types";
import { accountOf, organisationName } from "./organisations";
import type { ResultParameter } from "./result-payload";
import { digitsOf, initiatorFields, textOf } from "./validate-ledger";

const NOT_FOUND = { code: 2032, desc: "The transaction receipt number does not exist." };

// POST /mpesa/transactionstatus/v1/query – one transaction by receipt or OriginalConversationID; the answer goes to ResultURL
export async function handleTransactionStatus(ctx: SimulatorContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (!requireBearer(ctx, req, res)) return;
  const body = await readDarajaBody(req);
  const initiator = initiatorFields(body, "Initiator");
  if (!initiator.ok) return sendDarajaError(res, invalidField(initiator.field), ctx.ids.requestId());
  if (body.CommandID !== "TransactionStatusQuery") return sendDarajaError(res, invalidField("CommandID"), ctx.ids.requestId());
  const partyA = digitsOf(body.PartyA, 5, 12);
  const shortcode = partyA ? accountOf(ctx.options, partyA) : null;
  if (!partyA || !shortcode) return sendDarajaError(res, invalidField("PartyA"), ctx.ids.requestId());
  if (!["1", "2", "4"].includes(String(body.IdentifierType ?? ""))) return sendDarajaError(res, invalidField("IdentifierType"), ctx.ids.requestId());
  const receipt = textOf(body.TransactionID, 1, 64);
  const original = textOf(body.OriginalConversationID, 1, 128);
  if (!receipt && !original) return sendDarajaError(res, invalidField("TransactionID"), ctx.ids.requestId());
  const occasion = textOf(body.Occasion, 1, 100);

  acceptInitiatorRequest(ctx, res, {
    kind: "transaction_status",
    initiator,
    body,
    referenceData: occasion ? ["Occasion", occasion] : ["Occasion"],
    process: () => {
      const tx = findTransaction(ctx, shortcode, receipt, original);
      return tx ? statusResult(ctx, tx) : { kind: "result", ...NOT_FOUND, scenario: "not-found" };
    },
  });
}

function findTransaction(ctx: SimulatorContext, shortcode: string, receipt: string | null, original: string | null): SimTransaction | undefined {
  if (receipt) {
    const tx = ctx.ledger.transactions.byReceipt(receipt);
    return tx?.shortcode === shortcode ? tx : undefined;
  }
  return ctx.ledger.transactions.forShortcode(shortcode).find((t) => t.originatorConversationId === original || t.conversationId === original);
}

/** The 13 keys of real results, in their order; times and amount as JSON numbers, the customer's number in full. */
function statusResult(ctx: SimulatorContext, tx: SimTransaction): ProcessOutcome {
  const customer = `${tx.msisdn} - ${fullName(tx.customer)}`;
  // Real results pad the organisation's name with spaces.
  const organisation = `${tx.shortcode} - ${organisationName(ctx.options, tx.shortcode).padEnd(40)}`;
  const incoming = tx.kind === "stk" || tx.kind === "c2b";
  const parameters: ResultParameter[] = [
    ["DebitPartyName", incoming ? customer : organisation],
    ["CreditPartyName", incoming ? organisation : customer],
    tx.originatorConversationId ? ["OriginatorConversationID", tx.originatorConversationId] : ["OriginatorConversationID"],
    ["InitiatedTime", Number(darajaTimestamp(tx.initiatedAt))],
    [incoming ? "CreditPartyCharges" : "DebitPartyCharges"],
    ["DebitAccountType", incoming ? "MMF Account For Customer" : "Utility Account"],
    ["TransactionReason"],
    ["ReasonType", reasonType(tx)],
    ["TransactionStatus", "Completed"],
    ["FinalisedTime", Number(darajaTimestamp(tx.completedAt))],
    ["Amount", tx.amount],
    tx.conversationId ? ["ConversationID", tx.conversationId] : ["ConversationID"],
    ["ReceiptNo", tx.receipt],
  ];
  return { kind: "result", code: 0, desc: "The service request is processed successfully.", parameters, receipt: tx.receipt, scenario: "found" };
}

function reasonType(tx: SimTransaction): string {
  if (tx.kind === "reversal") return "Pay Utility Reversal";
  if (tx.kind === "b2c") return "Business Payment to Customer via API";
  const till = tx.channel === "till";
  if (tx.kind === "stk") return till ? "Buy Goods Online" : "Pay Bill Online";
  return till ? "Buy Goods" : "Pay Bill";
}
