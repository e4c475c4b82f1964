import type { IncomingMessage, ServerResponse } from "node:http";
import { AppError } from "@/lib/errors";
import { hasUrlControlCharacter } from "@/lib/net/control-characters";

/**
 * The web server's first look at every request, before the callback fast path, Next or any route:
 * a target that cannot be read (a malformed or non-UTF-8 percent-escape, a control character once
 * decoded, in the path or the query) or a Host that names no host is answered 400 here, so no
 * handler ever meets it — a decode that throws outside a handler would take the process down, and
 * a NUL that reaches PostgreSQL fails the statement.
 */
export function rejectUnparseableRequest(req: IncomingMessage, res: ServerResponse): boolean {
  const problem = unparseableRequestProblem(req.url, req.headers.host);
  if (problem === null) return false;
  answerBadRequest(res, problem);
  return true;
}

/** Why a request target (and Host) cannot be read, or null when it can. */
export function unparseableRequestProblem(target: string | undefined, host: string | undefined): string | null {
  if (!target || !target.startsWith("/")) return "The request target must be a path starting with /";
  const queryAt = target.indexOf("?");
  const path = queryAt === -1 ? target : target.slice(0, queryAt);
  const query = queryAt === -1 ? "" : target.slice(queryAt + 1);
  const decodedPath = strictDecode(path);
  if (decodedPath === null) return "The request path has a malformed percent-escape or is not UTF-8";
  if (hasUrlControlCharacter(decodedPath)) return "The request path contains a control character";
  for (const part of query.split(/[&=]/)) {
    const decoded = strictDecode(part.replaceAll("+", " "));
    if (decoded === null) return "The query string has a malformed percent-escape or is not UTF-8";
    if (hasUrlControlCharacter(decoded)) return "The query string contains a control character";
  }
  if (!URL.canParse(target, "http://localhost")) return "The request target is not a URL path";
  if (host !== undefined && !isHost(host)) return "The Host header is not a host name";
  return null;
}

/** A 400 in the error contract; the connection is closed, as the rest of the request is not read. */
export function answerBadRequest(res: ServerResponse, message: string): void {
  const body = JSON.stringify(new AppError("invalid_request", message).toBody());
  res.writeHead(400, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body), Connection: "close" });
  res.end(body);
}

/** decodeURIComponent, or null where it would throw (a stray %, a truncated or non-UTF-8 sequence). */
export function strictDecode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

function isHost(host: string): boolean {
  if (host === "" || /[\s/\\@?#]/.test(host) || !URL.canParse(`http://${host}/`)) return false;
  return new URL(`http://${host}/`).host !== "";
}
