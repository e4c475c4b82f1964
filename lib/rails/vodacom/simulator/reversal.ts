import type { IncomingMessage, ServerResponse } from "node:http";
import { readDarajaBody } from "@/lib/rails/daraja/simulator/http";
import { requireSession } from "./auth";
import type { SimulatorContext } from "./context";
import { deliverResult } from "./deliver-results";
import { stateFor } from "./lifecycle";
import { CODE, sendVodacom, statusOf, type SimCode } from "./responses";
import { SANDBOX_REVERSAL_IDS } from "./scenarios";
import type { TransactionRecord } from "./types";
import { validateReversal, type Account, type ReversalRequest } from "./validate";

// PUT /{sandbox|openapi}/ipg/v2/{market}/reversal/ – give back all or part of a completed payment
export async function handleReversal(ctx: SimulatorContext, req: IncomingMessage, res: ServerResponse, account: Account): Promise<void> {
  if (!requireSession(ctx, req, res, "reversal")) return;
  const body = await readDarajaBody(req);
  const echoed = typeof body.input_ThirdPartyConversationID === "string" ? body.input_ThirdPartyConversationID : "";
  const refuse = (code: SimCode) => {
    ctx.store.refuse({ at: ctx.now(), api: "reversal", httpStatus: statusOf(code), code, thirdPartyConversationId: echoed || null, msisdn: null });
    sendVodacom(res, code, { output_TransactionID: "N/A", output_ConversationID: ctx.ids.conversationId(), output_ThirdPartyConversationID: echoed });
  };
  const checked = validateReversal(body, account);
  if (!checked.ok) return refuse(checked.code);
  const request = checked.value;
  if (ctx.store.byThirdPartyId(request.serviceProviderCode, request.thirdPartyConversationId)) return refuse(CODE.DUPLICATE);

  const decision = decide(ctx, request, account);
  const record: TransactionRecord = {
    kind: "reversal", conversationId: ctx.ids.conversationId(), thirdPartyConversationId: request.thirdPartyConversationId,
    serviceProviderCode: request.serviceProviderCode, market: account.market.code, createdAt: ctx.now(), scenario: decision.magic ? "sandbox" : "reversal",
    amountMinor: decision.amount, msisdn: null, reference: null, state: stateFor(decision.code), code: decision.code, reportedCode: decision.code,
    settledAt: ctx.now(), decidedBy: "scenario", transactionId: decision.code === CODE.SUCCESS ? ctx.ids.transactionId() : null,
    originalTransactionId: request.transactionId, reversedMinor: 0, deliveries: [], queries: [],
  };
  if (decision.code === CODE.SUCCESS && decision.original) decision.original.reversedMinor += decision.amount;
  ctx.store.add(record);
  ctx.log.info({ conversationId: record.conversationId, code: decision.code, amount: decision.amount }, "reversal answered");

  const ids = { output_ConversationID: record.conversationId, output_ThirdPartyConversationID: record.thirdPartyConversationId };
  if (ctx.options.responseMode === "async") {
    ctx.scheduler.track(deliverResult(ctx, record));
    return sendVodacom(res, CODE.SUCCESS, ids);
  }
  sendVodacom(res, decision.code, { output_TransactionID: record.transactionId ?? "N/A", ...ids });
}

interface Decision {
  code: SimCode;
  amount: number;
  original: TransactionRecord | null;
  magic: boolean;
}

/** The sandbox's magic ids first; otherwise only a completed payment of this account, up to what is left of it. */
function decide(ctx: SimulatorContext, request: ReversalRequest, account: Account): Decision {
  const magic = account.sandbox && Object.hasOwn(SANDBOX_REVERSAL_IDS, request.transactionId) ? SANDBOX_REVERSAL_IDS[request.transactionId] : undefined;
  if (magic) return { code: magic, amount: request.amountMinor ?? 0, original: null, magic: true };
  const original = ctx.store.all().find((r) => r.kind === "c2b" && r.transactionId === request.transactionId && r.market === account.market.code);
  const refused = (code: SimCode): Decision => ({ code, amount: request.amountMinor ?? 0, original: null, magic: false });
  if (!original) return refused(CODE.INVALID_TRANSACTION_ID);
  if (original.serviceProviderCode !== request.serviceProviderCode) return refused(CODE.NOT_YOURS);
  if (original.state !== "completed") return refused(CODE.FAILED);
  const remaining = original.amountMinor - original.reversedMinor;
  const amount = request.amountMinor ?? remaining;
  if (remaining <= 0 || amount > remaining) return refused(CODE.INVALID_AMOUNT);
  return { code: CODE.SUCCESS, amount, original, magic: false };
}
