/**
 * Tells "PostgreSQL cannot be used right now" apart from "PostgreSQL refused this statement". Only
 * the first is an outage: waiting (or spooling) and trying again later will work. A constraint
 * violation, a bad value or a bug fails the same way every time, so it must never be treated as one.
 *
 * The errors arrive in several wrappings: Prisma's (P1001…, with the driver adapter's verdict in
 * `meta.driverAdapterError`), node-postgres's (plain messages, no code), Node's socket errors, and
 * SQLSTATEs. Checks are by shape, never `instanceof`: the web process loads Prisma twice (Next's
 * bundle and the plain Node server), so classes differ between copies.
 */

// Prisma: can't reach (P1001), connect timeout (P1002), operations timed out (P1008), server closed
// the connection (P1017), no pool connection in time (P2024).
const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
// @prisma/adapter-pg's verdicts that concern the connection, not the statement.
const ADAPTER_KINDS = new Set([
  "DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections",
  "TlsConnectionError", "AuthenticationFailed", "DatabaseDoesNotExist", "DatabaseAccessDenied",
]);
const SOCKET_CODES = new Set([
  "ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "EHOSTDOWN", "ENETUNREACH",
  "ENETDOWN", "ENOTFOUND", "EAI_AGAIN", "ECONNABORTED",
]);
// SQLSTATE classes: 08 connection exception, 28 authorization, 53 insufficient resources (disk
// full, too many connections), 57 operator intervention (shutdown, cannot connect now, statement
// timeout), 58 system error. Plus 3D000, the database does not exist. None depends on the statement.
const SQLSTATE = /^(08|28|53|57|58)[0-9A-Z]{3}$|^3D000$/;
// node-postgres reports lost and timed-out connections with messages only.
const PG_MESSAGES = ["Connection terminated", "timeout exceeded when trying to connect", "Client has encountered a connection error"];

export function isDatabaseUnreachable(error: unknown): boolean {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length) {
    const current = queue.shift();
    if (!current || typeof current !== "object" || seen.has(current)) continue;
    seen.add(current);
    if (matches(current as ErrorShape)) return true;
    const e = current as ErrorShape;
    queue.push(e.cause, e.meta, e.meta?.driverAdapterError, ...(Array.isArray(e.errors) ? e.errors : []));
  }
  return false;
}

/** Thrown when a database call outlives the caller's deadline: an outage as far as the caller knows. */
export class DatabaseTimeoutError extends Error {
  readonly databaseTimeout = true;
  constructor(ms: number) {
    super(`PostgreSQL did not answer within ${ms} ms`);
    this.name = "DatabaseTimeoutError";
  }
}

interface ErrorShape {
  name?: unknown;
  code?: unknown;
  kind?: unknown;
  message?: unknown;
  cause?: unknown;
  errors?: unknown;
  databaseTimeout?: unknown;
  meta?: { driverAdapterError?: unknown };
}

function matches(e: ErrorShape): boolean {
  if (e.databaseTimeout === true) return true;
  if (typeof e.code === "string" && (PRISMA_CODES.has(e.code) || SOCKET_CODES.has(e.code) || SQLSTATE.test(e.code))) return true;
  if (typeof e.kind === "string" && ADAPTER_KINDS.has(e.kind)) return true;
  return typeof e.message === "string" && e.code === undefined && PG_MESSAGES.some((m) => (e.message as string).startsWith(m));
}
