import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { postC2bConfirmation } from "@/lib/c2b/c2b-routes";
import { postStkCallback } from "@/lib/callbacks/stk-callback-route";
import { answerBadRequest, strictDecode } from "@/lib/web/reject-unparseable-request";

type CallbackHandler = typeof postStkCallback;
/** The notifications Daraja sends without waiting for anything: STK callbacks and C2B confirmations. */
const FAST_PATHS: [RegExp, CallbackHandler][] = [
  [/^\/api\/callbacks\/stk\/([^/?#]+)$/, postStkCallback],
  [/^\/api\/callbacks\/c2b\/([^/?#]+)\/confirmation$/, postC2bConfirmation],
];

/**
 * Daraja's callbacks skip Next's router: the routes' own handlers (lib/callbacks/stk-callback-route.ts,
 * lib/c2b/c2b-routes.ts) are
 * called straight from the Node server. Same code, same answers, but several milliseconds of
 * CPU less per callback — the endpoint that must answer fastest and take the heaviest bursts.
 * Returns false for any other request, which then goes to Next.
 */
export function handleCallbackFastPath(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method !== "POST") return false;
  if (!URL.canParse(req.url ?? "/", "http://localhost")) return false;
  const url = new URL(req.url ?? "/", "http://localhost");
  const found = FAST_PATHS.map(([pattern, handler]) => ({ match: pattern.exec(url.pathname), handler })).find((f) => f.match);
  if (!found) return false;
  const match = found.match!;
  // The server refuses unreadable targets first; this keeps the fast path safe on its own too.
  const token = strictDecode(match[1]!);
  if (token === null) answerBadRequest(res, "The callback path has a malformed percent-escape");
  else void respond(req, res, url, token, found.handler);
  return true;
}

async function respond(req: IncomingMessage, res: ServerResponse, url: URL, token: string, receiveCallback: CallbackHandler): Promise<void> {
  try {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (Array.isArray(value)) for (const v of value) headers.append(name, v);
      else if (value !== undefined) headers.set(name, value);
    }
    const request = new Request(url, {
      method: "POST",
      headers,
      // Streamed, so the route's body cap stops reading an oversized body early.
      body: Readable.toWeb(req) as ReadableStream<Uint8Array>,
      duplex: "half",
    } as RequestInit);
    const response = await receiveCallback(request, { params: Promise.resolve({ token }) });
    const out: Record<string, string> = {};
    response.headers.forEach((value, key) => (out[key] = value));
    res.writeHead(response.status, out);
    res.end(Buffer.from(await response.arrayBuffer()));
  } catch {
    // The route maps every error itself; reaching here means the connection broke mid-way.
    if (!res.headersSent) res.writeHead(500, { "Content-Type": "application/json" });
    res.end('{"ResultCode":1,"ResultDesc":"Internal error"}');
  }
}
