// A load generator in its own process, so it does not compete with the measured server's event
// loop: runs autocannon with the JSON options read from stdin and prints its result as JSON.
import { text } from "node:stream/consumers";
import autocannon from "autocannon";
import type { LoadOptions as LoadSpec } from "./load";


const spec = JSON.parse(await text(process.stdin)) as LoadSpec;
let counter = 0;
const requests = [
  {
    method: spec.method ?? "POST",
    setupRequest: (req: { path?: string; headers?: Record<string, string>; body?: string }) => {
      const i = counter++;
      if (spec.paths?.length) req.path = spec.paths[i % spec.paths.length];
      const n = spec.paths?.length ? i % spec.paths.length : i;
      if (spec.body) req.body = spec.body.replaceAll("{{i}}", String(i)).replaceAll("{{n}}", String(n));
      if (spec.uniqueHeader) req.headers = { ...req.headers, [spec.uniqueHeader]: `bench-${process.pid}-${i}` };
      return req;
    },
  },
];

const result = await autocannon({
  url: spec.url,
  method: spec.method ?? "POST",
  headers: { "content-type": "application/json", ...spec.headers },
  connections: spec.connections,
  duration: spec.duration,
  ...(spec.overallRate ? { overallRate: spec.overallRate } : {}),
  requests: requests as never,
});
process.stdout.write(
  JSON.stringify({
    requests: result.requests.total,
    rps: result.requests.average,
    latency: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max, mean: result.latency.mean },
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    statusCodes: result.statusCodeStats,
    duration: result.duration,
  }),
);
