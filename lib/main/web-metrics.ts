import type { IncomingMessage, ServerResponse } from "node:http";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { getSenderBoss } from "@/lib/jobs/boss";
import { loadWebSnapshot } from "@/lib/main/load-web-snapshot";
import { getProcessMetrics } from "@/lib/metrics/process-metrics";
import { isMetricsRequest, serveMetrics } from "@/lib/metrics/serve-metrics";
import { registerWebGauges } from "@/lib/main/web-gauges";

let gaugesRegistered = false;

/**
 * The web server's /metrics, answered before Next (like the callback fast path): this process's
 * counters plus the gauges only the web reports (payments, queues, webhook endpoints, this host's
 * spool). Returns false for any other request.
 */
export function handleWebMetrics(req: IncomingMessage, res: ServerResponse): boolean {
  if (!isMetricsRequest(req)) return false;
  const env = getEnv();
  const { registry } = getProcessMetrics();
  if (!gaugesRegistered) {
    gaugesRegistered = true;
    registry.setDefaultLabels({ process: "web" });
    registerWebGauges(registry, { load: () => loadWebSnapshot({ db: getDb(), spoolDir: env.callbacks.spoolDir, boss: getSenderBoss }) });
  }
  void serveMetrics(req, res, { registry, token: env.metrics.token });
  return true;
}
