// The web process as lib/web/server.ts runs it (peer address, callback spool drainer, graceful
// SIGTERM) with the app's route handlers served without Next, for tests that start, stop and restart
// a real web process: a Next build would be stale against the sources under test, and `next dev`
// compiles for seconds and locks .next for the whole checkout.
import { getEnv } from "@/lib/env";
import { createRouteHandler } from "@/lib/testing/app-server";
import { serveWeb } from "@/lib/web/serve-web";

serveWeb({ env: getEnv(), handle: createRouteHandler() });
