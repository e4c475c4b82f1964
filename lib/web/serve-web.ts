import http, { type IncomingMessage, type ServerResponse } from "node:http";
import { startWebHeartbeat } from "@/lib/alerts/web-heartbeat";
import type { Env } from "@/lib/env";
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

/**
 * Everything the web process is besides Next: an HTTP server that records each request's real TCP
 * peer and answers an unreadable request target with a 400 before any handler sees it, the drain of this machine's callback spool (started at once, so a spool written before a
 * restart is not forgotten), and a graceful stop on SIGTERM / SIGINT.
 */
export function serveWeb({ env, handle, dev = false }: ServeWebOptions): http.Server {
  const drainer = startSpoolDrainer({ dir: env.callbacks.spoolDir, databaseUrl: env.database.url, intervalMs: env.callbacks.spoolDrainIntervalMs });
  const heartbeat = startWebHeartbeat(env);
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
    server.close(() => void Promise.all([drainer.stop(), heartbeat.stop()]).finally(() => process.exit(0)));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 10_000).unref();
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
  return server;
}
