import type { IncomingMessage, ServerResponse } from "node:http";
import { requireBearer } from "./auth";
import { customerPays } from "./c2b-payment";
import type { SimulatorContext } from "./context";
import { DARAJA_ERRORS, invalidField, sendDarajaError } from "./daraja-errors";
import { readDarajaBody, sendJson } from "./http";
import { organisationOf } from "./organisations";
import { amountOf, msisdn } from "./validate-stk";
import { digitsOf } from "./validate-ledger";

// POST /mpesa/c2b/v1/simulate and /v2/simulate – sandbox only: a test customer pays a paybill or till
export async function handleC2bSimulate(ctx: SimulatorContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  // Production has no such proxy.
  if (ctx.options.ledger.environment === "production") return sendDarajaError(res, DARAJA_ERRORS.resourceNotFound, ctx.ids.requestId());
  if (!requireBearer(ctx, req, res)) return;
  const body = await readDarajaBody(req);
  const shortcode = digitsOf(body.ShortCode, 5, 9);
  const org = shortcode ? organisationOf(ctx.options, shortcode) : null;
  if (!shortcode || !org) return sendDarajaError(res, invalidField("ShortCode"), ctx.ids.requestId());
  const expected = org.channel === "till" ? "CustomerBuyGoodsOnline" : "CustomerPayBillOnline";
  if (body.CommandID !== expected) return sendDarajaError(res, invalidField("CommandID"), ctx.ids.requestId());
  const amount = amountOf(body.Amount);
  if (amount === null) return sendDarajaError(res, invalidField("Amount"), ctx.ids.requestId());
  const payer = msisdn(body.Msisdn);
  if (!payer) return sendDarajaError(res, invalidField("Msisdn"), ctx.ids.requestId());
  const billRef = typeof body.BillRefNumber === "string" ? body.BillRefNumber : null;
  if (billRef !== null && billRef.length > 20) return sendDarajaError(res, invalidField("BillRefNumber"), ctx.ids.requestId());

  sendJson(res, 200, { OriginatorCoversationID: ctx.ids.requestId(), ResponseCode: "0", ResponseDescription: "Accept the service request successfully." });
  // The payment happens after the acknowledgement, as in the sandbox.
  ctx.scheduler.track(customerPays(ctx, { paidTo: shortcode, amount, billRef, msisdn: payer, source: "simulate-api" }));
}
