// The web process as lib/main/web.ts runs it (peer address, request guard, callback fast path,
// callback spool drainer, graceful SIGTERM) with the app's other route handlers served without Next, for tests that start, stop and restart
// a real web process: a Next build would be stale against the sources under test, and `next dev`
// compiles for seconds and locks .next for the whole checkout.
import { getEnv } from "@/lib/env";
import { createRouteHandler } from "@/lib/testing/app-server";
import { handleCallbackFastPath } from "@/lib/web/callback-fast-path";
import { serveWeb } from "@/lib/web/serve-web";

const routes = createRouteHandler();
await serveWeb({ env: getEnv(), handle: (req, res) => void (handleCallbackFastPath(req, res) || routes(req, res)) });
