import type { IncomingMessage, ServerResponse } from "node:http";
import type { SimulatorContext } from "./context";
import { DARAJA_ERRORS, sendApigeeNotFound, sendDarajaError } from "./daraja-errors";
import { BodyTooLargeError, sendEmpty, sendJson } from "./http";
import { handleListPushes, handleListTokens, handleReset, handleScenarios } from "./introspection";
import { LEDGER_ROUTES } from "./ledger-routes";
import { handleOAuth } from "./oauth";
import { afterLatency, handleLatency } from "./response-latency";
import { handlePhone, handlePhoneAnswer, handlePhoneIndex } from "./phone-page";
import { handleStkPush } from "./stk-push";
import { handleStkQuery } from "./stk-query";

type Handler = (ctx: SimulatorContext, req: IncomingMessage, res: ServerResponse, url: URL, match: RegExpExecArray) => unknown;
export interface Route {
  method: "GET" | "POST";
  path: RegExp;
  handler: Handler;
}

const PHONE = "(\\d{12})";
const ROUTES: Route[] = [
  { method: "GET", path: /^\/oauth\/v1\/generate$/, handler: afterLatency("oauthMs", (ctx, req, res, url) => handleOAuth(ctx, req, res, url)) },
  { method: "POST", path: /^\/mpesa\/stkpush\/v1\/processrequest$/, handler: afterLatency("pushMs", (ctx, req, res) => handleStkPush(ctx, req, res)) },
  { method: "POST", path: /^\/mpesa\/stkpushquery\/v1\/query$/, handler: afterLatency("queryMs", (ctx, req, res) => handleStkQuery(ctx, req, res)) },
  { method: "GET", path: /^\/phone\/?$/, handler: (ctx, _req, res, url) => handlePhoneIndex(ctx, res, url) },
  { method: "GET", path: new RegExp(`^/phone/${PHONE}/?$`), handler: (ctx, _req, res, _url, m) => handlePhone(ctx, res, m[1] ?? "") },
  {
    method: "POST",
    path: new RegExp(`^/phone/${PHONE}/(ws_CO_\\w+)/(accept|cancel)$`),
    handler: (ctx, req, res, _url, m) =>
      handlePhoneAnswer(ctx, req, res, { msisdn: m[1] ?? "", checkoutRequestId: m[2] ?? "", action: m[3] === "accept" ? "accept" : "cancel" }),
  },
  { method: "GET", path: /^\/__sim\/pushes$/, handler: (ctx, _req, res, url) => handleListPushes(ctx, res, url) },
  { method: "GET", path: /^\/__sim\/tokens$/, handler: (ctx, _req, res) => handleListTokens(ctx, res) },
  { method: "POST", path: /^\/__sim\/reset$/, handler: (ctx, _req, res) => handleReset(ctx, res) },
  { method: "GET", path: /^\/__sim\/scenarios$/, handler: (_ctx, _req, res) => handleScenarios(res) },
  { method: "GET", path: /^\/__sim\/latency$/, handler: (ctx, req, res) => handleLatency(ctx, req, res) },
  { method: "POST", path: /^\/__sim\/latency$/, handler: (ctx, req, res) => handleLatency(ctx, req, res) },
  { method: "GET", path: /^\/__sim\/health$/, handler: (_ctx, _req, res) => sendJson(res, 200, { ok: true }) },
  ...LEDGER_ROUTES,
];

/** Dispatches one request; unknown paths get Apigee's fault, wrong methods Daraja's 405.001. */
export async function route(ctx: SimulatorContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", "http://simulator.local");
  try {
    const onPath = ROUTES.map((r) => ({ r, m: r.path.exec(url.pathname) })).filter((x) => x.m !== null);
    const hit = onPath.find((x) => x.r.method === req.method);
    if (hit?.m) return void (await hit.r.handler(ctx, req, res, url, hit.m));
    if (onPath.length > 0) return sendDarajaError(res, DARAJA_ERRORS.methodNotAllowed, ctx.ids.requestId());
    // Inside Daraja's proxies a wrong path is an envelope; elsewhere Apigee finds no proxy at all.
    if (/^\/(mpesa|oauth)\//.test(url.pathname)) return sendDarajaError(res, DARAJA_ERRORS.resourceNotFound, ctx.ids.requestId());
    sendApigeeNotFound(res, req.headers.host ?? "default", url.pathname);
  } catch (error) {
    if (res.headersSent) return void res.destroy();
    if (error instanceof BodyTooLargeError) return sendEmpty(res, 413);
    ctx.log.error({ err: error, path: url.pathname }, "simulator request failed");
    sendDarajaError(res, DARAJA_ERRORS.internal, ctx.ids.requestId());
  }
}
