// The web process: Next.js behind a plain Node HTTP server that records each request's real TCP
// peer (for the callback IP allowlist), which `next start` cannot do, and drains this machine's
// callback spool (lib/web/serve-web.ts).
import path from "node:path";
import { ConfigError, getEnv } from "@/lib/env";

const dev = process.argv.includes("--dev");
let env;
try {
  // Read with the NODE_ENV the operator gave (MALIPO_MODE=demo with NODE_ENV=production is refused).
  env = getEnv();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
// Next runs a built app only under NODE_ENV=production; that says how Next runs, not which mode
// Malipo is in, so it is set after the settings were read (and cached for Next's code too).
(process.env as Record<string, string>).NODE_ENV = dev ? "development" : "production";

const { default: next } = await import("next");
const { handleCallbackFastPath } = await import("@/lib/web/callback-fast-path");
const { serveWeb } = await import("@/lib/web/serve-web");
const { handleWebMetrics } = await import("@/lib/main/web-metrics");

// Storefronts without an account of a configured mode get the environment's (idempotent; a payment
// bootstraps its own storefront's too, so a database that is down now only delays the dashboard's view).
const { bootstrapEnvironmentAccounts } = await import("@/lib/collection-accounts/bootstrap-environment-accounts");
const { getDb } = await import("@/lib/db/client");
const { createLogger } = await import("@/lib/logger");
await bootstrapEnvironmentAccounts(getDb(), env).catch((error: unknown) => createLogger("web").warn({ err: error }, "collection accounts not bootstrapped at start"));

const app = next({ dev, dir: path.resolve(import.meta.dirname, "../.."), hostname: env.host, port: env.port });
const handle = app.getRequestHandler();
await app.prepare();

await serveWeb({ env, handle: (req, res) => void (handleCallbackFastPath(req, res) || handleWebMetrics(req, res) || handle(req, res)), dev });
