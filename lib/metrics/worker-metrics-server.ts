import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Env } from "@/lib/env";
import { createLogger } from "@/lib/logger";
import { getProcessMetrics } from "@/lib/metrics/process-metrics";
import { isMetricsRequest, serveMetrics } from "@/lib/metrics/serve-metrics";

const log = createLogger("metrics");

export interface WorkerMetricsServer {
  port: number;
  close(): Promise<void>;
}

/**
 * The worker's own /metrics on WORKER_METRICS_PORT (its job, query and webhook counters); off when
 * the port is unset. Each worker is scraped on its own, as each web process is: the counters live
 * in the process that counted them, and nothing about counting touches the database.
 */
export async function startWorkerMetricsServer(env: Pick<Env, "host" | "metrics">, port = env.metrics.workerPort): Promise<WorkerMetricsServer | null> {
  if (port === null || !env.metrics.token) return null;
  const { registry } = getProcessMetrics();
  registry.setDefaultLabels({ process: "worker" });
  const token = env.metrics.token;
  const server = http.createServer((req, res) => {
    if (isMetricsRequest(req)) void serveMetrics(req, res, { registry, token });
    else res.writeHead(404, { "Content-Type": "text/plain" }).end("Not found\n");
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, env.host, () => resolve());
  });
  const bound = (server.address() as AddressInfo).port;
  log.info({ port: bound, host: env.host }, "worker metrics listening");
  return {
    port: bound,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
