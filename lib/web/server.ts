// The web process: Next.js behind a plain Node HTTP server that records each request's real TCP
// peer (for the callback IP allowlist), which `next start` cannot do.
import http from "node:http";
import path from "node:path";
import next from "next";
import { ConfigError, getEnv } from "@/lib/env";
import { PEER_ADDRESS_HEADER } from "@/lib/http/peer-address";
import { createLogger } from "@/lib/logger";

const log = createLogger("web");
const dev = process.argv.includes("--dev");
let env;
try {
  env = getEnv();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

const app = next({ dev, dir: path.resolve(import.meta.dirname, "../.."), hostname: env.host, port: env.port });
const handle = app.getRequestHandler();
await app.prepare();

const server = http.createServer((req, res) => {
  // Overwrite, never trust: a client-supplied value must not survive.
  req.headers[PEER_ADDRESS_HEADER] = req.socket.remoteAddress ?? "";
  void handle(req, res);
});
server.keepAliveTimeout = 65_000;
server.listen(env.port, env.host, () => log.info({ port: env.port, host: env.host, dev }, "web server listening"));

let stopping = false;
function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, "web server stopping: finishing open requests");
  server.close(() => process.exit(0));
  server.closeIdleConnections();
  setTimeout(() => process.exit(0), 10_000).unref();
}
process.on("SIGTERM", () => shutdown("SIGTERM"));
process.on("SIGINT", () => shutdown("SIGINT"));
