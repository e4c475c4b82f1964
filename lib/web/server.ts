// The web process: Next.js behind a plain Node HTTP server that records each request's real TCP
// peer (for the callback IP allowlist), which `next start` cannot do, and drains this machine's
// callback spool (lib/web/serve-web.ts).
import path from "node:path";
import next from "next";
import { ConfigError, getEnv } from "@/lib/env";
import { handleCallbackFastPath } from "@/lib/web/callback-fast-path";
import { serveWeb } from "@/lib/web/serve-web";

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

serveWeb({ env, handle: (req, res) => void (handleCallbackFastPath(req, res) || handle(req, res)), dev });
