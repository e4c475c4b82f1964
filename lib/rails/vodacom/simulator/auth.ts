import type { IncomingMessage, ServerResponse } from "node:http";
import { sendEmpty, sendJson } from "@/lib/rails/daraja/simulator/http";
import type { SimulatorContext } from "./context";
import { decryptBearer } from "./keys";
import { CODE, sendVodacom } from "./responses";

/**
 * The session handshake: getSession decrypts the API key from the bearer; every other call decrypts
 * the session id from its bearer. The Origin header must be one the app trusts.
 */

// GET …/getSession/ – a new session for the encrypted API key
export function handleGetSession(ctx: SimulatorContext, req: IncomingMessage, res: ServerResponse): void {
  if (!originTrusted(ctx, req)) return sendVodacom(res, CODE.SESSION_FAILED);
  const apiKey = bearerPlaintext(ctx, req);
  if (apiKey === null || apiKey !== ctx.options.apiKey) {
    ctx.log.info({ decrypted: apiKey !== null }, "getSession refused: not the app's API key");
    return sendVodacom(res, CODE.INVALID_API_KEY);
  }
  const sessionId = ctx.sessions.issue();
  // getSession answers 200, unlike the payment APIs' 201.
  sendJson(res, 200, { output_ResponseCode: CODE.SUCCESS, output_ResponseDesc: "Request processed successfully", output_SessionID: sessionId });
}

/**
 * True when the call carries a trusted Origin and a live session; otherwise answers for it: an
 * untrusted origin gets a bare 403 from the gateway, a session that is unknown, expired or not yet
 * live gets INS-2 (Vodacom has no code of its own for those).
 */
export function requireSession(ctx: SimulatorContext, req: IncomingMessage, res: ServerResponse, api: string): boolean {
  if (!originTrusted(ctx, req)) {
    sendEmpty(res, 403);
    return false;
  }
  const sessionId = bearerPlaintext(ctx, req);
  const check = sessionId === null ? "undecryptable" : ctx.sessions.check(sessionId);
  if (check === "ok") return true;
  ctx.store.refuse({ at: ctx.now(), api, httpStatus: 401, code: CODE.INVALID_API_KEY, thirdPartyConversationId: null, msisdn: null });
  ctx.log.info({ api, session: check }, "call refused: no live session");
  sendVodacom(res, CODE.INVALID_API_KEY);
  return false;
}

function originTrusted(ctx: SimulatorContext, req: IncomingMessage): boolean {
  const origin = req.headers.origin?.trim();
  if (!origin) return false;
  return ctx.options.trustedOrigins.includes("*") || ctx.options.trustedOrigins.includes(origin);
}

function bearerPlaintext(ctx: SimulatorContext, req: IncomingMessage): string | null {
  const match = /^Bearer\s+(\S+)$/.exec(req.headers.authorization ?? "");
  return match?.[1] ? decryptBearer(ctx.keys, match[1]) : null;
}
