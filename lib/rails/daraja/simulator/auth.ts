import type { IncomingMessage, ServerResponse } from "node:http";
import type { SimulatorContext } from "./context";
import { DARAJA_ERRORS, sendDarajaError } from "./daraja-errors";

/**
 * The bearer check of the STK endpoints. A header that is not `Bearer <token>` is 404.001.04; a
 * token that is unknown or expired is 404.001.03 with HTTP 404, as Daraja does for STK (§1).
 * Returns the consumer key the token was issued to, or false after answering the request.
 */
export function requireBearer(ctx: SimulatorContext, req: IncomingMessage, res: ServerResponse): string | false {
  const match = /^Bearer (\S+)$/i.exec(req.headers.authorization ?? "");
  if (!match) {
    sendDarajaError(res, DARAJA_ERRORS.invalidAuthHeader, ctx.ids.requestId());
    return false;
  }
  const consumerKey = ctx.tokens.appOf(match[1] ?? "");
  if (consumerKey === null) {
    sendDarajaError(res, DARAJA_ERRORS.invalidAccessToken, ctx.ids.requestId());
    return false;
  }
  return consumerKey;
}
