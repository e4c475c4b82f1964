import type { IncomingMessage, ServerResponse } from "node:http";
import { darajaTimestamp } from "../password";
import { requireBearer } from "./auth";
import type { SimulatorContext } from "./context";
import { customerName, fullName } from "./customers";
import { invalidField, sendDarajaError } from "./daraja-errors";
import { readDarajaBody } from "./http";
import { acceptInitiatorRequest, type ProcessOutcome } from "./initiator-endpoint";
import type { InitiatorRequestRecord } from "./ledger-types";
import { accountOf } from "./organisations";
import { refundScenarioFor } from "./refund-scenarios";
import { INTERNAL_QUEUE } from "./result-payload";
import { msisdn } from "./validate-stk";
import { digitsOf, initiatorFields, textOf } from "./validate-ledger";

const COMMANDS = ["BusinessPayment", "SalaryPayment", "PromotionPayment"];
const DUPLICATE = { status: 500, code: "500.002.1001", message: "Duplicate OriginatorConversationID." };
const FAILURES = {
  "insufficient-balance": { code: 1, desc: "The balance is insufficient for the transaction." },
  unregistered: { code: 2040, desc: "Credit Party customer type (Unregistered or Registered Customer) can't be supported by the service." },
  "not-on-mpesa": { code: "SFC_IC0003", desc: "The operator does not exist." },
  belowMinimum: { code: 2, desc: "Declined due to limit rule: less than the minimum transaction amount." },
  aboveMaximum: { code: 3, desc: "Declined due to limit rule: greater than the maximum transaction amount." },
} as const;
const MIN_AMOUNT = 10;
const MAX_AMOUNT = 250_000;

// POST /mpesa/b2c/v3/paymentrequest (and the legacy v1) – pay a customer from the Utility account
export async function handleB2c(ctx: SimulatorContext, req: IncomingMessage, res: ServerResponse, version: "v1" | "v3"): Promise<void> {
  if (!requireBearer(ctx, req, res)) return;
  const body = await readDarajaBody(req);
  // "Initiator" here, as the other APIs spell it, is refused as a missing InitiatorName.
  const initiator = initiatorFields(body, "InitiatorName");
  if (!initiator.ok) return sendDarajaError(res, invalidField(initiator.field), ctx.ids.requestId());
  const ocid = version === "v3" ? textOf(body.OriginatorConversationID, 1, 128) : null;
  if (version === "v3" && !ocid) return sendDarajaError(res, invalidField("OriginatorConversationID"), ctx.ids.requestId());
  if (typeof body.CommandID !== "string" || !COMMANDS.includes(body.CommandID)) return sendDarajaError(res, invalidField("CommandID"), ctx.ids.requestId());
  const amount = Number(digitsOf(body.Amount, 1, 9) ?? NaN);
  if (!Number.isInteger(amount) || amount < 1) return sendDarajaError(res, invalidField("Amount"), ctx.ids.requestId());
  const partyA = digitsOf(body.PartyA, 5, 9);
  const shortcode = partyA ? accountOf(ctx.options, partyA) : null;
  if (!partyA || !shortcode) return sendDarajaError(res, invalidField("PartyA"), ctx.ids.requestId());
  const customer = msisdn(body.PartyB);
  if (!customer) return sendDarajaError(res, invalidField("PartyB"), ctx.ids.requestId());
  if (!textOf(body.Remarks, 2, 100)) return sendDarajaError(res, invalidField("Remarks"), ctx.ids.requestId());
  // v3's OriginatorConversationID is the idempotency key: a second request with it is refused.
  if (ocid && ctx.ledger.requests.some((r) => r.kind === "b2c" && r.originatorConversationId === ocid)) {
    return sendDarajaError(res, DUPLICATE, ctx.ids.requestId());
  }

  acceptInitiatorRequest(ctx, res, {
    kind: "b2c",
    initiator,
    body,
    originatorConversationId: ocid ?? undefined,
    referenceData: ["QueueTimeoutURL", INTERNAL_QUEUE.b2c],
    process: (record) => pay(ctx, record, shortcode, customer, amount),
  });
}

function pay(ctx: SimulatorContext, record: InitiatorRequestRecord, shortcode: string, customer: string, amount: number): ProcessOutcome {
  const scenario = refundScenarioFor("b2c", customer);
  const behaviour = scenario?.behaviour ?? "success";
  const fail = (failure: { code: number | string; desc: string }, name: string): ProcessOutcome => ({ kind: "result", ...failure, scenario: name });
  if (behaviour === "queue-timeout") return { kind: "queue-timeout", scenario: scenario?.name ?? behaviour };
  if (behaviour === "unregistered" || behaviour === "not-on-mpesa") return fail(FAILURES[behaviour], scenario?.name ?? behaviour);
  if (amount < MIN_AMOUNT) return fail(FAILURES.belowMinimum, "below-minimum");
  if (amount > MAX_AMOUNT) return fail(FAILURES.aboveMaximum, "above-maximum");
  if (behaviour === "insufficient-balance" || ctx.ledger.transactions.balance(shortcode) < amount) {
    return fail(FAILURES["insufficient-balance"], scenario?.name ?? "insufficient-balance");
  }
  const at = ctx.now();
  const name = customerName(customer);
  const tx = ctx.ledger.transactions.add({
    receipt: ctx.ids.receiptNumber(at), kind: "b2c", shortcode, paidTo: null, channel: null, amount, msisdn: customer, customer: name, billRef: null,
    initiatedAt: record.receivedAt, completedAt: at, linkedReceipt: null, originatorConversationId: record.originatorConversationId,
    conversationId: record.conversationId, via: "api",
  });
  const success = { code: 0, desc: "The service request is processed successfully.", receipt: tx.receipt };
  if (behaviour === "no-result") return { kind: "no-result", ...success, scenario: scenario?.name ?? behaviour };
  return {
    kind: "result", ...success, transactionId: tx.receipt, scenario: "success",
    parameters: [
      ["TransactionAmount", amount],
      ["TransactionReceipt", tx.receipt],
      ["ReceiverPartyPublicName", `${customer} - ${fullName(name)}`],
      ["TransactionCompletedDateTime", b2cDate(at)],
      ["B2CUtilityAccountAvailableFunds", tx.balanceAfter],
      ["B2CWorkingAccountAvailableFunds", 0],
      ["B2CRecipientIsRegisteredCustomer", "Y"],
      ["B2CChargesPaidAccountAvailableFunds", 0],
    ],
  };
}

/** B2C's own date format: `dd.MM.yyyy HH:mm:ss`, EAT. */
function b2cDate(at: Date): string {
  const ts = darajaTimestamp(at);
  return `${ts.slice(6, 8)}.${ts.slice(4, 6)}.${ts.slice(0, 4)} ${ts.slice(8, 10)}:${ts.slice(10, 12)}:${ts.slice(12, 14)}`;
}
