import type { IncomingMessage, ServerResponse } from "node:http";
import { requireBearer } from "./auth";
import type { SimulatorContext } from "./context";
import { invalidField, sendDarajaError, type DarajaError } from "./daraja-errors";
import { readDarajaBody, sendJson } from "./http";
import { organisationOf } from "./organisations";
import { digitsOf, urlOf } from "./validate-ledger";

const ALREADY_REGISTERED: DarajaError = { status: 500, code: "500.003.1001", message: "Urls are already registered" };

// POST /mpesa/c2b/v1/registerurl and /v2/registerurl – where validations and confirmations go
export async function handleC2bRegister(ctx: SimulatorContext, req: IncomingMessage, res: ServerResponse, version: "v1" | "v2"): Promise<void> {
  if (!requireBearer(ctx, req, res)) return;
  const body = await readDarajaBody(req);
  const production = ctx.options.ledger.environment === "production";
  const shortcode = digitsOf(body.ShortCode, 5, 9);
  if (!shortcode || !organisationOf(ctx.options, shortcode)) return sendDarajaError(res, invalidField("ShortCode"), ctx.ids.requestId());
  // Exactly these two words, in sentence case.
  if (body.ResponseType !== "Completed" && body.ResponseType !== "Cancelled") return sendDarajaError(res, invalidField("ResponseType"), ctx.ids.requestId());
  const confirmationUrl = urlOf(body.ConfirmationURL, production);
  if (!confirmationUrl) return sendDarajaError(res, invalidField("ConfirmationURL"), ctx.ids.requestId());
  const validationUrl = urlOf(body.ValidationURL, production);
  if (!validationUrl) return sendDarajaError(res, invalidField("ValidationURL"), ctx.ids.requestId());
  // Production registers once; changing the URLs takes a deletion on the Daraja portal.
  if (production && ctx.ledger.c2bUrls.has(shortcode)) return sendDarajaError(res, ALREADY_REGISTERED, ctx.ids.requestId());

  ctx.ledger.c2bUrls.set(shortcode, { shortcode, version, responseType: body.ResponseType, confirmationUrl, validationUrl, registeredAt: ctx.now() });
  ctx.log.info({ shortcode, version, responseType: body.ResponseType }, "c2b urls registered");
  // The documented key is misspelled: OriginatorCoversationID.
  sendJson(res, 200, { OriginatorCoversationID: ctx.ids.requestId(), ResponseCode: ctx.options.ledger.c2bRegisterSuccessCode, ResponseDescription: "Success" });
}
