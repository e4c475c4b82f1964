import type { IncomingMessage, ServerResponse } from "node:http";
import type { Registry } from "prom-client";
import { isMetricsTokenValid } from "@/lib/metrics/metrics-token";

export const METRICS_PATH = "/metrics";

/**
 * GET /metrics for a plain Node server (the web server and the worker's metrics port share it):
 * 404 while no token is configured (staging and production without METRICS_TOKEN), 401 without the
 * bearer token, otherwise the registry in Prometheus's text exposition format. Never cached.
 */
export async function serveMetrics(req: IncomingMessage, res: ServerResponse, { registry, token }: { registry: Registry; token: string | null }): Promise<void> {
  const plain = (status: number, text: string, headers: Record<string, string> = {}) =>
    void res.writeHead(status, { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", ...headers }).end(text);
  if (!token) return plain(404, "Not found\n");
  if (req.method !== "GET" && req.method !== "HEAD") return plain(405, "Only GET\n", { Allow: "GET, HEAD" });
  if (!isMetricsTokenValid(req.headers.authorization, token)) return plain(401, "A bearer token is required (METRICS_TOKEN)\n", { "WWW-Authenticate": 'Bearer realm="metrics"' });
  try {
    const text = await registry.metrics();
    res.writeHead(200, { "Content-Type": registry.contentType, "Cache-Control": "no-store" });
    res.end(req.method === "HEAD" ? undefined : text);
  } catch {
    plain(500, "Metrics could not be collected\n");
  }
}

/** Whether a request is for /metrics (query strings allowed, nothing under it). */
export function isMetricsRequest(req: IncomingMessage): boolean {
  const url = req.url ?? "/";
  return url === METRICS_PATH || url.startsWith(`${METRICS_PATH}?`);
}
