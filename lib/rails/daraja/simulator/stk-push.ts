import type { IncomingMessage, ServerResponse } from "node:http";
import { maskPhone } from "@/lib/logger";
import { requireBearer } from "./auth";
import type { SimulatorContext } from "./context";
import { checkCredentials } from "./credentials";
import { DARAJA_ERRORS, invalidField, sendDarajaError, type DarajaError } from "./daraja-errors";
import { readDarajaBody, sendJson } from "./http";
import { checkoutRequestId } from "./ids";
import { beginPush } from "./lifecycle";
import { planPush } from "./push-plan";
import { scenarioFor } from "./scenarios";
import type { PushRecord } from "./types";
import { msisdn, validateStkPush } from "./validate-stk";

const ACCEPTED = "Success. Request accepted for processing";

// POST /mpesa/stkpush/v1/processrequest – accept an STK push, or refuse it as Daraja would
export async function handleStkPush(ctx: SimulatorContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const consumerKey = requireBearer(ctx, req, res);
  if (!consumerKey) return;
  const body = await readDarajaBody(req);
  const phone = msisdn(body.PhoneNumber);
  const scenario = scenarioFor(phone);
  const refuse = (error: DarajaError) => {
    ctx.store.refuse({ at: ctx.now(), phone, httpStatus: error.status, errorCode: error.code, errorMessage: error.message });
    ctx.log.info({ phone: maskPhone(phone), errorCode: error.code, errorMessage: error.message }, "stk push refused");
    sendDarajaError(res, error, ctx.ids.requestId());
  };
  // Spike arrest sits in the gateway in front of everything else, so it wins over validation.
  if (scenario.push === "busy") return refuse(DARAJA_ERRORS.systemBusy);

  const checked = validateStkPush(body);
  if (!checked.ok) return refuse(invalidField(checked.field));
  const request = checked.value;
  const credentials = checkCredentials(ctx.options, request);
  if (!credentials.ok) return refuse(credentials.error);

  const { plan, warnings } = planPush(request, credentials.merchant, scenario);
  const push: PushRecord = {
    checkoutRequestId: uniqueCheckoutRequestId(ctx, request.phoneNumber),
    merchantRequestId: ctx.ids.merchantRequestId(),
    request,
    consumerKey,
    scenario: scenario.name,
    plan,
    createdAt: ctx.now(),
    result: null,
    callbackBody: null,
    callbacks: [],
    queries: [],
    warnings,
  };
  ctx.store.add(push);
  beginPush(ctx, push);
  ctx.log.info(
    { checkoutRequestId: push.checkoutRequestId, phone: maskPhone(request.phoneNumber), amount: request.amount, scenario: scenario.name },
    "stk push accepted",
  );

  if (scenario.push === "hang") {
    // The push went through, but its answer never comes: the client times out not knowing.
    ctx.scheduler.after(ctx.options.hangMs, () => res.destroy());
    return;
  }
  sendJson(res, 200, {
    MerchantRequestID: push.merchantRequestId,
    CheckoutRequestID: push.checkoutRequestId,
    ResponseCode: "0",
    ResponseDescription: ACCEPTED,
    CustomerMessage: ACCEPTED,
  });
}

/** Two pushes to one number within a millisecond (a frozen test clock) must not share an id. */
function uniqueCheckoutRequestId(ctx: SimulatorContext, phone: string): string {
  let at = ctx.now();
  let id = checkoutRequestId(at, phone);
  while (ctx.store.get(id)) {
    at = new Date(at.getTime() + 1);
    id = checkoutRequestId(at, phone);
  }
  return id;
}
