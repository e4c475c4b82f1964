import type { IncomingMessage, ServerResponse } from "node:http";
import { maskPhone } from "../../../logger";
import { readDarajaBody } from "@/lib/rails/daraja/simulator/http";
import { requireSession } from "./auth";
import type { SimulatorContext } from "./context";
import { beginPayment, waitForOutcome } from "./lifecycle";
import { CODE, sendVodacom, statusOf, type SimCode } from "./responses";
import { scenarioFor } from "./scenarios";
import type { TransactionRecord } from "./types";
import { validateC2b, type Account } from "./validate";

// POST /{sandbox|openapi}/ipg/v2/{market}/c2bPayment/singleStage/ – a customer payment, answered when the customer has
export async function handleC2bPayment(ctx: SimulatorContext, req: IncomingMessage, res: ServerResponse, account: Account): Promise<void> {
  if (!requireSession(ctx, req, res, "c2bPayment")) return;
  const body = await readDarajaBody(req);
  const echoed = typeof body.input_ThirdPartyConversationID === "string" ? body.input_ThirdPartyConversationID : "";
  const msisdn = typeof body.input_CustomerMSISDN === "string" ? body.input_CustomerMSISDN : null;
  const refuse = (code: SimCode) => {
    ctx.store.refuse({ at: ctx.now(), api: "c2bPayment", httpStatus: statusOf(code), code, thirdPartyConversationId: echoed || null, msisdn });
    ctx.log.info({ code, phone: msisdn ? maskPhone(msisdn) : null }, "c2b payment refused");
    sendVodacom(res, code, { output_TransactionID: "N/A", output_ConversationID: ctx.ids.conversationId(), output_ThirdPartyConversationID: echoed });
  };

  const checked = validateC2b(body, account);
  if (!checked.ok) return refuse(checked.code);
  const request = checked.value;
  // The conversation id is checked after the request is known to be well-formed, so a bad request does not use it up.
  if (ctx.store.byThirdPartyId(request.serviceProviderCode, request.thirdPartyConversationId)) return refuse(CODE.DUPLICATE);

  const scenario = scenarioFor(request.msisdn);
  const record: TransactionRecord = {
    kind: "c2b", conversationId: ctx.ids.conversationId(), thirdPartyConversationId: request.thirdPartyConversationId,
    serviceProviderCode: request.serviceProviderCode, market: request.market, createdAt: ctx.now(), scenario: scenario.name,
    amountMinor: request.amountMinor, msisdn: request.msisdn, reference: request.reference, state: "awaiting", code: null,
    reportedCode: null, settledAt: null, decidedBy: null, transactionId: null, originalTransactionId: null, reversedMinor: 0,
    deliveries: [], queries: [],
  };
  ctx.store.add(record);
  ctx.log.info({ conversationId: record.conversationId, phone: maskPhone(request.msisdn), amount: request.amountMinor, scenario: scenario.name }, "c2b payment taken");
  beginPayment(ctx, record, scenario);

  const ids = { output_ConversationID: record.conversationId, output_ThirdPartyConversationID: record.thirdPartyConversationId };
  if (scenario.answer === "lost") {
    // The payment goes ahead, but its answer never comes: the client times out not knowing.
    void ctx.scheduler.sleep(ctx.options.hangMs).then(() => res.destroy());
    return;
  }
  // The async form answers at once; the outcome is posted to the result URL when it is known.
  if (ctx.options.responseMode === "async") return sendVodacom(res, CODE.SUCCESS, ids);
  if (!(await waitForOutcome(ctx, record))) return void res.destroy();
  const code = record.reportedCode as SimCode;
  sendVodacom(res, code, { output_TransactionID: code === CODE.SUCCESS ? (record.transactionId ?? "N/A") : "N/A", ...ids });
}
