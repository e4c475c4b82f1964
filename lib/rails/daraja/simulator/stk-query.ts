import type { IncomingMessage, ServerResponse } from "node:http";
import { requireBearer } from "./auth";
import type { SimulatorContext } from "./context";
import { checkCredentials } from "./credentials";
import { DARAJA_ERRORS, invalidField, sendDarajaError } from "./daraja-errors";
import { readDarajaBody, sendJson } from "./http";
import { queryAcceptedDescription } from "./result-codes";
import { validateStkQuery } from "./validate-stk";

const STILL_PROCESSING = { code: "4999", desc: "The transaction is still under processing" };
const MAX_QUERIES_KEPT = 1000;

// POST /mpesa/stkpushquery/v1/query – the state of a push; every code is a string here (§5)
export async function handleStkQuery(ctx: SimulatorContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const consumerKey = requireBearer(ctx, req, res);
  if (!consumerKey) return;
  const checked = validateStkQuery(await readDarajaBody(req));
  if (!checked.ok) return sendDarajaError(res, invalidField(checked.field), ctx.ids.requestId());
  const credentials = checkCredentials(ctx.options, checked.value);
  if (!credentials.ok) return sendDarajaError(res, credentials.error, ctx.ids.requestId());

  const push = ctx.store.get(checked.value.checkoutRequestId);
  // Another merchant's push is as invisible as one that never existed.
  if (!push || push.request.businessShortCode !== credentials.merchant.shortcode) {
    return sendDarajaError(res, DARAJA_ERRORS.transactionMissing, ctx.ids.requestId());
  }
  // Kept for tests and people checking the gateway's query rate; capped like the push store.
  if (push.queries.length < MAX_QUERIES_KEPT) push.queries.push({ at: ctx.now(), resultCode: push.result ? String(push.result.code) : null, consumerKey, shortcode: checked.value.businessShortCode });
  if (!push.result && ctx.options.pendingStyle === "500") {
    // The legacy shape: an error, whose requestId was seen to be the CheckoutRequestID itself.
    return sendDarajaError(res, DARAJA_ERRORS.stillProcessing, push.checkoutRequestId);
  }
  sendJson(res, 200, {
    ResponseCode: "0",
    ResponseDescription: queryAcceptedDescription(ctx.options.queryTypo),
    MerchantRequestID: push.merchantRequestId,
    CheckoutRequestID: push.checkoutRequestId,
    ResultCode: push.result ? String(push.result.code) : STILL_PROCESSING.code,
    ResultDesc: push.result ? push.result.queryDesc : STILL_PROCESSING.desc,
  });
}
