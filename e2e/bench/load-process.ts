// A load generator in its own process, so it does not compete with the measured server's event
// loop: runs autocannon (or, for `pacedRate`, an evenly spaced open loop) with the JSON options read
// from stdin and prints its result as JSON.
import { text } from "node:stream/consumers";
import autocannon from "autocannon";
import http from "node:http";
import { percentile } from "./stats";
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

if (spec.pacedRate) {
  process.stdout.write(JSON.stringify(await runPaced(spec, spec.pacedRate)));
  process.exit(0);
}

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

/** One request every 1000/rate ms for the duration, whatever the answers take; latency from each send. */
async function runPaced(load: LoadSpec, rate: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: load.connections });
  const latencies: number[] = [];
  const statusCodes: Record<string, { count: number }> = {};
  let errors = 0;
  let non2xx = 0;
  const send = (url: string, headers: Record<string, string>, body: string | undefined) => new Promise<number>((resolve, reject) => {
    const req = http.request(url, { method: load.method ?? "POST", headers, agent }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
  const total = Math.round(rate * load.duration);
  const started = performance.now();
  const sends: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const wait = started + (i * 1000) / rate - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const headers: Record<string, string> = { "content-type": "application/json", ...load.headers };
    if (load.uniqueHeader) headers[load.uniqueHeader] = `bench-${process.pid}-${i}`;
    // As setupRequest does for autocannon: paths cycled, {{n}} the index of the path used.
    const n = load.paths?.length ? i % load.paths.length : i;
    const url = load.paths?.length ? new URL(load.paths[n]!, load.url).href : load.url;
    const body = load.body?.replaceAll("{{i}}", String(i)).replaceAll("{{n}}", String(n));
    const sent = performance.now();
    sends.push(send(url, headers, body).then((status) => {
      latencies.push(performance.now() - sent);
      statusCodes[status] = { count: (statusCodes[status]?.count ?? 0) + 1 };
      if (status < 200 || status > 299) non2xx += 1;
    }, () => void (errors += 1)));
  }
  await Promise.all(sends);
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  const mean = latencies.reduce((a, b) => a + b, 0) / Math.max(1, latencies.length);
  return {
    requests: latencies.length, rps: latencies.length / elapsed,
    latency: { p50: percentile(latencies, 50), p90: percentile(latencies, 90), p99: percentile(latencies, 99), max: Math.max(0, ...latencies), mean },
    errors, timeouts: 0, non2xx, statusCodes, duration: elapsed,
  };
}
