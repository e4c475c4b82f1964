import type { IncomingMessage, ServerResponse } from "node:http";
import { BodyTooLargeError, sendEmpty, sendJson } from "@/lib/rails/daraja/simulator/http";
import { VODACOM_MARKETS } from "../markets";
import { handleGetSession } from "./auth";
import { handleC2bPayment } from "./c2b";
import type { SimulatorContext } from "./context";
import { handleExpireSessions, handleListSessions, handleListTransactions, handlePublicKey, handleReset, handleScenarios } from "./introspection";
import { handlePhone, handlePhoneAnswer, handlePhoneIndex } from "./phone-page";
import { handleQueryTransactionStatus } from "./query";
import { CODE, sendVodacom } from "./responses";
import { handleReversal } from "./reversal";
import type { Account } from "./validate";

type Handler = (ctx: SimulatorContext, req: IncomingMessage, res: ServerResponse, url: URL, match: RegExpExecArray) => unknown;
interface Route {
  method: "GET" | "POST" | "PUT";
  path: RegExp;
  handler: Handler;
}

const MARKETS = Object.values(VODACOM_MARKETS);
// /{sandbox|openapi}/ipg/v2/{context}/{api}/ – the trailing slash is Vodacom's; it is optional here.
const api = (name: string) => new RegExp(`^/(sandbox|openapi)/ipg/v2/(\\w+)/${name}/?$`);

const ROUTES: Route[] = [
  { method: "GET", path: api("getSession"), handler: (ctx, req, res, _url, m) => withMarket(ctx, res, m, () => handleGetSession(ctx, req, res)) },
  { method: "POST", path: api("c2bPayment/singleStage"), handler: (ctx, req, res, _url, m) => withMarket(ctx, res, m, (a) => handleC2bPayment(ctx, req, res, a)) },
  { method: "GET", path: api("queryTransactionStatus"), handler: (ctx, req, res, url, m) => withMarket(ctx, res, m, (a) => handleQueryTransactionStatus(ctx, req, res, url, a)) },
  { method: "PUT", path: api("reversal"), handler: (ctx, req, res, _url, m) => withMarket(ctx, res, m, (a) => handleReversal(ctx, req, res, a)) },
  { method: "GET", path: /^\/phone\/?$/, handler: (ctx, _req, res, url) => handlePhoneIndex(ctx, res, url) },
  { method: "GET", path: /^\/phone\/(\d{12,14})\/?$/, handler: (ctx, _req, res, _url, m) => handlePhone(ctx, res, m[1] ?? "") },
  {
    method: "POST",
    path: /^\/phone\/(\d{12,14})\/([0-9a-f]{32})\/(accept|cancel)$/,
    handler: (ctx, req, res, _url, m) =>
      handlePhoneAnswer(ctx, req, res, { msisdn: m[1] ?? "", conversationId: m[2] ?? "", action: m[3] === "accept" ? "accept" : "cancel" }),
  },
  { method: "GET", path: /^\/__sim\/public-key$/, handler: (ctx, _req, res) => handlePublicKey(ctx, res) },
  { method: "GET", path: /^\/__sim\/transactions$/, handler: (ctx, _req, res, url) => handleListTransactions(ctx, res, url) },
  { method: "GET", path: /^\/__sim\/sessions$/, handler: (ctx, _req, res) => handleListSessions(ctx, res) },
  { method: "POST", path: /^\/__sim\/sessions\/expire$/, handler: (ctx, _req, res) => handleExpireSessions(ctx, res) },
  { method: "POST", path: /^\/__sim\/reset$/, handler: (ctx, _req, res) => handleReset(ctx, res) },
  { method: "GET", path: /^\/__sim\/scenarios$/, handler: (_ctx, _req, res) => handleScenarios(res) },
  { method: "GET", path: /^\/__sim\/health$/, handler: (_ctx, _req, res) => sendJson(res, 200, { ok: true }) },
];

/** Dispatches one request; an unknown path is a bare 404, a wrong method a bare 405. */
export async function route(ctx: SimulatorContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", "http://simulator.local");
  try {
    const onPath = ROUTES.map((r) => ({ r, m: r.path.exec(url.pathname) })).filter((x) => x.m !== null);
    const hit = onPath.find((x) => x.r.method === req.method);
    if (hit?.m) return void (await hit.r.handler(ctx, req, res, url, hit.m));
    sendEmpty(res, onPath.length > 0 ? 405 : 404);
  } catch (error) {
    if (res.headersSent) return void res.destroy();
    if (error instanceof BodyTooLargeError) return sendEmpty(res, 413);
    ctx.log.error({ err: error, path: url.pathname }, "Vodacom simulator request failed");
    sendVodacom(res, CODE.INTERNAL_ERROR);
  }
}

/** The market named by the path's context, or INS-998 for one Vodacom does not serve. */
async function withMarket(ctx: SimulatorContext, res: ServerResponse, match: RegExpExecArray, handle: (account: Account) => unknown): Promise<void> {
  const market = MARKETS.find((m) => m.context === match[2]);
  if (!market) return sendVodacom(res, CODE.INVALID_MARKET);
  await handle({ market, sandbox: match[1] === "sandbox", serviceProviderCodes: ctx.options.serviceProviderCodes });
}
