import type { IncomingMessage, ServerResponse } from "node:http";
import type { SimulatorContext } from "./context";
import { DARAJA_ERRORS, sendDarajaError } from "./daraja-errors";
import { sendEmpty, sendJson } from "./http";

// GET /oauth/v1/generate?grant_type=client_credentials – issue an access token (FACTS.md §1)
export function handleOAuth(ctx: SimulatorContext, req: IncomingMessage, res: ServerResponse, url: URL): void {
  // Exact match: a stray space or other grant (e.g. from a malformed URL) is refused, as observed.
  if (url.searchParams.get("grant_type") !== "client_credentials") {
    return sendDarajaError(res, DARAJA_ERRORS.invalidGrantType, ctx.ids.requestId());
  }
  const match = /^Basic ([A-Za-z0-9+/=]*)$/i.exec(req.headers.authorization ?? "");
  if (!match) return sendDarajaError(res, DARAJA_ERRORS.invalidAuthType, ctx.ids.requestId());

  const decoded = Buffer.from(match[1] ?? "", "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  const key = colon >= 0 ? decoded.slice(0, colon) : decoded;
  const secret = colon >= 0 ? decoded.slice(colon + 1) : "";
  // Daraja answers wrong credentials with a bare 400 and no body at all.
  if (!ctx.options.apps.some((app) => app.consumerKey === key && app.consumerSecret === secret)) return sendEmpty(res, 400);

  const { token, expiresInSeconds } = ctx.tokens.issue(key);
  // Real responses carry expires_in as a string; the documentation shows a number.
  const expiresIn = ctx.options.numericExpiresIn ? expiresInSeconds : String(expiresInSeconds);
  sendJson(res, 200, { access_token: token, expires_in: expiresIn });
}
