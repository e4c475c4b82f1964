import http, { type IncomingMessage, type ServerResponse } from "node:http";
import { startWebHeartbeat } from "@/lib/alerts/web-heartbeat";
import type { Env } from "@/lib/env";
import { createPrisma, getDb } from "@/lib/db/client";
import { getSenderBoss } from "@/lib/jobs/boss";
import { stampPeerAddress } from "@/lib/net/peer-address";
import { STRICT_TRANSPORT_SECURITY } from "@/lib/web/content-security-policy";
import { createLogger } from "@/lib/logger";
import { startSpoolDrainer } from "@/lib/callbacks/spool/spool-drainer";
import { rejectUnparseableRequest } from "@/lib/web/reject-unparseable-request";

export interface ServeWebOptions {
  env: Env;
  handle: (req: IncomingMessage, res: ServerResponse) => void;
  dev?: boolean;
}

const log = createLogger("web");
// How long the server waits, before listening, for its first spool drain and heartbeat (see below).
const STARTUP_WAIT_MS = 2000;

/**
 * Everything the web process is besides Next: an HTTP server that records each request's real TCP
 * peer and answers an unreadable request target with a 400 before any handler sees it, the drain of this machine's callback spool (started at once, so a spool written before a
 * restart is not forgotten), and a graceful stop on SIGTERM / SIGINT. Resolves once it listens,
 * which it does when its database clients are warm (see below).
 */
export async function serveWeb({ env, handle, dev = false }: ServeWebOptions): Promise<http.Server> {
  // A Prisma client compiles its query engine (a large WebAssembly module) when it first connects,
  // and each kind of query the first time it runs, holding the event loop for a good part of a
  // second in all. That is done here, before listening, so no request waits for it: least of all a
  // callback during a database outage, which the route answers from the spool in milliseconds.
  // $connect with the pg adapter opens no connection, so it is as quick with PostgreSQL down; the
  // drain's and the heartbeat's first rounds (which also say at once what this host's spool holds)
  // are waited for up to STARTUP_WAIT_MS, as PostgreSQL may be unreachable rather than refusing.
  // The drain has a small pool of its own so that draining never takes the route's connections.
  const db = getDb();
  const drainDb = createPrisma(env.database.url, 4);
  await Promise.all([db.$connect(), drainDb.$connect()]);
  const drainer = startSpoolDrainer({ dir: env.callbacks.spoolDir, db: drainDb, intervalMs: env.callbacks.spoolDrainIntervalMs });
  const heartbeat = startWebHeartbeat(env, db);
  let waited: NodeJS.Timeout | undefined;
  await Promise.race([
    Promise.all([drainer.firstRound, heartbeat.firstBeat]),
    new Promise((resolve) => (waited = setTimeout(resolve, STARTUP_WAIT_MS))),
  ]);
  clearTimeout(waited);
  const server = http.createServer((req, res) => {
    // Before anything reads the request: a client-supplied value must not survive.
    stampPeerAddress(req.headers, req.socket.remoteAddress);
    if (env.production) res.setHeader("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
    if (rejectUnparseableRequest(req, res)) return;
    handle(req, res);
  });
  server.keepAliveTimeout = 65_000;
  server.listen(env.port, env.host, () => log.info({ port: env.port, host: env.host, dev }, "web server listening"));
  // Start the job sender now, so the first callback's database deadline is not spent starting it.
  // If the database is down, the first callback that needs it tries again.
  getSenderBoss().catch(() => undefined);

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "web server stopping: finishing open requests");
    // Open requests may be writing to the spool: let them finish, then the drainer, then exit.
    server.close(() => void Promise.all([drainer.stop().then(() => drainDb.$disconnect()), heartbeat.stop()]).finally(() => process.exit(0)));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 10_000).unref();
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
  return server;
}
