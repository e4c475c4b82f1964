import { readdirSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { Readable } from "node:stream";
import { stampPeerAddress } from "@/lib/net/peer-address";

/**
 * The app's route handlers (app/api/**\/route.ts, app/pay/**\/route.ts) served over real HTTP without Next: a node:http
 * server on port 0 that turns each request into a web Request, records the TCP peer the way
 * lib/main/web.ts does (overwriting any client-sent value), calls the module's exported method
 * handler with Next's `{ params }` context, and writes the Response back. Route modules are loaded
 * on first use, so unrelated routes (auth) never load in a test that does not call them.
 */

type Handler = (req: Request, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;
interface RouteEntry {
  pattern: RegExp;
  names: { name: string; catchAll: boolean }[];
  file: string;
  /** Static segments sort first, catch-alls last, as in Next. */
  rank: number;
}

export interface AppServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

const APP_API_DIR = path.resolve(import.meta.dirname, "../../app/api");
// The checkout pages' form posts and status endpoint are route handlers too (the pages are not).
const APP_PAY_DIR = path.resolve(import.meta.dirname, "../../app/pay");

export async function startAppServer(): Promise<AppServer> {
  const server = createServer(createRouteHandler());
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** The node:http handler behind startAppServer, also served by lib/testing/route-web-process.ts. */
export function createRouteHandler(): (req: IncomingMessage, res: ServerResponse) => void {
  const routes = [...discoverRoutes(APP_API_DIR, ["api"]), ...discoverRoutes(APP_PAY_DIR, ["pay"])].sort((a, b) => a.rank - b.rank);
  return (req, res) => void dispatch(routes, req, res);
}

async function dispatch(routes: RouteEntry[], req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const found = routes.map((r) => ({ r, m: r.pattern.exec(url.pathname) })).find((x) => x.m);
    if (!found?.m) return void res.writeHead(404, { "Content-Type": "text/plain" }).end("no route");
    const mod = (await import(/* @vite-ignore */ found.r.file)) as Record<string, Handler | undefined>;
    const handler = mod[req.method ?? "GET"];
    // Next answers an unexported method with a bare 405.
    if (!handler) return void res.writeHead(405).end();
    const params: Record<string, string | string[]> = {};
    found.r.names.forEach(({ name, catchAll }, i) => {
      const raw = found.m![i + 1] ?? "";
      params[name] = catchAll ? raw.split("/").map(decodeURIComponent) : decodeURIComponent(raw);
    });
    const response = await handler(toRequest(req, url), { params: Promise.resolve(params) });
    const headers: Record<string, string> = {};
    response.headers.forEach((value, key) => (headers[key] = value));
    res.writeHead(response.status, headers);
    res.end(Buffer.from(await response.arrayBuffer()));
  } catch (error) {
    // A handler that throws is a bug the test must see: answer 599, which no route uses.
    if (!res.headersSent) res.writeHead(599, { "Content-Type": "text/plain" });
    res.end(String(error instanceof Error ? error.stack : error));
  }
}

function toRequest(req: IncomingMessage, url: URL): Request {
  stampPeerAddress(req.headers, req.socket.remoteAddress);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  return new Request(new URL(url.pathname + url.search, `http://${req.headers.host ?? "127.0.0.1"}`), {
    method: req.method,
    headers,
    body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined,
    duplex: "half",
  } as RequestInit);
}

function discoverRoutes(dir: string, segments: string[]): RouteEntry[] {
  const entries = readdirSync(dir, { withFileTypes: true });
  const found: RouteEntry[] = [];
  for (const entry of entries) {
    if (entry.isDirectory()) found.push(...discoverRoutes(path.join(dir, entry.name), [...segments, entry.name]));
    else if (entry.name === "route.ts") found.push(toEntry(segments, path.join(dir, entry.name)));
  }
  return found.sort((a, b) => a.rank - b.rank);
}

function toEntry(segments: string[], file: string): RouteEntry {
  const names: RouteEntry["names"] = [];
  let rank = 0;
  const parts = segments.map((segment) => {
    const catchAll = /^\[\.\.\.(\w+)\]$/.exec(segment);
    if (catchAll) {
      names.push({ name: catchAll[1]!, catchAll: true });
      rank += 100;
      return "(.+)";
    }
    const dynamic = /^\[(\w+)\]$/.exec(segment);
    if (dynamic) {
      names.push({ name: dynamic[1]!, catchAll: false });
      rank += 1;
      return "([^/]+)";
    }
    return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  });
  return { pattern: new RegExp(`^/${parts.join("/")}/?$`), names, file, rank };
}
