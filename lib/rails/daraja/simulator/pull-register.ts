import type { IncomingMessage, ServerResponse } from "node:http";
import { requireBearer } from "./auth";
import type { SimulatorContext } from "./context";
import { invalidField, sendDarajaError } from "./daraja-errors";
import { readDarajaBody, sendJson } from "./http";
import { accountOf } from "./organisations";
import { digitsOf, urlOf } from "./validate-ledger";

// POST /pulltransactions/v1/register – once per shortcode; later calls answer 1001 "already registered"
export async function handlePullRegister(ctx: SimulatorContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (!requireBearer(ctx, req, res)) return;
  const body = await readDarajaBody(req);
  const code = digitsOf(body.ShortCode, 5, 9);
  const shortcode = code ? accountOf(ctx.options, code) : null;
  if (!code || !shortcode) return sendDarajaError(res, { status: 400, code: "400.001", message: "Invalid ShortCode" }, ctx.ids.requestId());
  if (body.RequestType !== "Pull") return sendDarajaError(res, invalidField("RequestType"), ctx.ids.requestId());
  // The 254 form only: integrators report 07… is refused.
  const nominated = digitsOf(body.NominatedNumber, 12, 12);
  if (!nominated || !/^254[17]/.test(nominated)) return sendDarajaError(res, invalidField("NominatedNumber"), ctx.ids.requestId());
  const callbackUrl = urlOf(body.CallBackURL);
  if (!callbackUrl) return sendDarajaError(res, invalidField("CallBackURL"), ctx.ids.requestId());

  const refId = ctx.ids.requestId();
  if (ctx.ledger.pullRegistrations.has(shortcode)) {
    // The older form of the answer, with spaces in its keys, as the parameter table shows it.
    return sendJson(res, 200, { ResponseRefID: refId, "Response Status": "1001", ShortCode: code, "Response Description": "ShortCode already Registered" });
  }
  ctx.ledger.pullRegistrations.set(shortcode, { nominatedNumber: nominated, callbackUrl, registeredAt: ctx.now() });
  sendJson(res, 200, { ResponseRefID: refId, ResponseStatus: "1000", ShortCode: code, ResponseDescription: "Shortcode Registered Successfully" });
}
