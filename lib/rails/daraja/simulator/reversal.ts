import type { IncomingMessage, ServerResponse } from "node:http";
import { darajaTimestamp } from "../password";
import { requireBearer } from "./auth";
import type { SimulatorContext } from "./context";
import { fullName } from "./customers";
import { invalidField, sendDarajaError } from "./daraja-errors";
import { readDarajaBody } from "./http";
import { acceptInitiatorRequest, type ProcessOutcome } from "./initiator-endpoint";
import type { InitiatorRequestRecord, SimTransaction } from "./ledger-types";
import { accountOf, organisationName } from "./organisations";
import { refundScenarioFor } from "./refund-scenarios";
import { INTERNAL_QUEUE } from "./result-payload";
import { amountOf } from "./validate-stk";
import { digitsOf, initiatorFields, textOf } from "./validate-ledger";

const INVALID_ORIGINAL = { code: "R000002", desc: "The OriginalTransactionID is invalid." };
const ALREADY_REVERSED = { code: "R000001", desc: "The transaction has already been reversed." };
const INSUFFICIENT = { code: 1, desc: "The balance is insufficient for the transaction." };

// POST /mpesa/reversal/v1/request – give a whole C2B/STK payment back; the outcome goes to ResultURL
export async function handleReversal(ctx: SimulatorContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (!requireBearer(ctx, req, res)) return;
  const body = await readDarajaBody(req);
  const initiator = initiatorFields(body, "Initiator");
  if (!initiator.ok) return sendDarajaError(res, invalidField(initiator.field), ctx.ids.requestId());
  if (body.CommandID !== "TransactionReversal") return sendDarajaError(res, invalidField("CommandID"), ctx.ids.requestId());
  const receipt = typeof body.TransactionID === "string" && /^[A-Z0-9]{10}$/i.test(body.TransactionID) ? body.TransactionID.toUpperCase() : null;
  if (!receipt) return sendDarajaError(res, invalidField("TransactionID"), ctx.ids.requestId());
  const amount = amountOf(body.Amount);
  if (amount === null) return sendDarajaError(res, invalidField("Amount"), ctx.ids.requestId());
  const receiver = digitsOf(body.ReceiverParty, 5, 9);
  const shortcode = receiver ? accountOf(ctx.options, receiver) : null;
  if (!receiver || !shortcode) return sendDarajaError(res, invalidField("ReceiverParty"), ctx.ids.requestId());
  // Misspelled by design: the correct spelling is refused.
  if (!["11", "4"].includes(String(body.RecieverIdentifierType ?? ""))) return sendDarajaError(res, invalidField("RecieverIdentifierType"), ctx.ids.requestId());
  if (!textOf(body.Remarks, 2, 100)) return sendDarajaError(res, invalidField("Remarks"), ctx.ids.requestId());
  // Partial reversals are undocumented: this simulator refuses an amount other than the original's.
  const original = ctx.ledger.transactions.byReceipt(receipt);
  if (original && original.shortcode === shortcode && original.amount !== amount) return sendDarajaError(res, invalidField("Amount"), ctx.ids.requestId());

  acceptInitiatorRequest(ctx, res, {
    kind: "reversal",
    initiator,
    body,
    referenceData: ["QueueTimeoutURL", INTERNAL_QUEUE.reversal],
    process: (record) => reverse(ctx, record, shortcode, receipt),
  });
}

function reverse(ctx: SimulatorContext, record: InitiatorRequestRecord, shortcode: string, receipt: string): ProcessOutcome {
  const original = ctx.ledger.transactions.byReceipt(receipt);
  // B2C payments cannot be reversed by API; another organisation's receipt is as unknown as a made-up one.
  if (!original || original.shortcode !== shortcode || (original.kind !== "stk" && original.kind !== "c2b")) {
    return { kind: "result", ...INVALID_ORIGINAL, scenario: "invalid-original" };
  }
  if (original.reversedBy) return { kind: "result", ...ALREADY_REVERSED, scenario: "already-reversed" };
  const scenario = refundScenarioFor("reversal", original.msisdn);
  const behaviour = scenario?.behaviour ?? "success";
  if (behaviour === "queue-timeout") return { kind: "queue-timeout", scenario: scenario?.name ?? behaviour };
  if (behaviour === "already-reversed") {
    // Someone did it on the org portal first: the ledger shows their reversal.
    addReversal(ctx, original, null, "portal");
    return { kind: "result", ...ALREADY_REVERSED, scenario: scenario?.name };
  }
  if (behaviour === "insufficient-balance" || ctx.ledger.transactions.balance(shortcode) < original.amount) {
    return { kind: "result", ...INSUFFICIENT, scenario: scenario?.name ?? "insufficient-balance" };
  }
  const reversal = addReversal(ctx, original, record, "api");
  const success = { code: 0, desc: "The service request is processed successfully.", receipt: reversal.receipt };
  if (behaviour === "no-result") return { kind: "no-result", ...success, scenario: scenario?.name ?? behaviour };
  const balance = `${reversal.balanceAfter}.00`;
  return {
    kind: "result", ...success, transactionId: reversal.receipt, scenario: "success",
    parameters: [
      ["DebitAccountBalance", `Utility Account|KES|${balance}|${balance}|0.00|0.00`],
      ["Amount", reversal.amount],
      ["TransCompletedTime", Number(darajaTimestamp(reversal.completedAt))],
      ["OriginalTransactionID", original.receipt],
      ["Charge", 0],
      ["CreditPartyPublicName", `${original.msisdn} - ${fullName(original.customer)}`],
      ["DebitPartyPublicName", `${shortcode} - ${organisationName(ctx.options, shortcode)}`],
    ],
  };
}

function addReversal(ctx: SimulatorContext, original: SimTransaction, record: InitiatorRequestRecord | null, via: "api" | "portal"): SimTransaction {
  const at = ctx.now();
  return ctx.ledger.transactions.add({
    receipt: ctx.ids.receiptNumber(at), kind: "reversal", shortcode: original.shortcode, paidTo: null, channel: null, amount: original.amount,
    msisdn: original.msisdn, customer: original.customer, billRef: null, initiatedAt: record?.receivedAt ?? at, completedAt: at,
    linkedReceipt: original.receipt, originatorConversationId: record?.originatorConversationId ?? null, conversationId: record?.conversationId ?? null, via,
  });
}
