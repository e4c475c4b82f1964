import http from "node:http";
import type { AddressInfo } from "node:net";
import { Counter, Registry } from "prom-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, parseEnv } from "@/lib/env";
import { generateDemoSecrets } from "@/lib/demo/demo-secrets";
import { demoMetricsToken } from "@/lib/demo/demo-metrics-token";
import { isMetricsTokenValid } from "@/lib/metrics/metrics-token";
import { serveMetrics } from "@/lib/metrics/serve-metrics";

const TOKEN = "t".repeat(40);

describe("serveMetrics", () => {
  const servers: http.Server[] = [];
  const start = async (token: string | null) => {
    const registry = new Registry();
    new Counter({ name: "x_total", help: "x", registers: [registry] }).inc();
    const server = http.createServer((req, res) => void serveMetrics(req, res, { registry, token }));
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`;
  };
  let url: string;
  beforeAll(async () => {
    url = await start(TOKEN);
  });
  afterAll(() => Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve)))));

  it("answers 404 while no token is configured, whatever the request says", async () => {
    const off = await start(null);
    expect((await fetch(off, { headers: { Authorization: `Bearer ${TOKEN}` } })).status).toBe(404);
  });

  it("answers 401 with a Bearer challenge without the token, and the metrics with it", async () => {
    for (const header of [undefined, "Bearer", `Bearer ${TOKEN}x`, `Basic ${TOKEN}`, TOKEN]) {
      const res = await fetch(url, { headers: header ? { Authorization: header } : {} });
      expect([header, res.status, res.headers.get("www-authenticate")]).toEqual([header, 401, 'Bearer realm="metrics"']);
    }
    const res = await fetch(url, { headers: { Authorization: `Bearer ${TOKEN}` } });
    expect([res.status, res.headers.get("cache-control")]).toEqual([200, "no-store"]);
    expect(await res.text()).toContain("x_total 1");
    expect((await fetch(url, { method: "POST", headers: { Authorization: `Bearer ${TOKEN}` } })).status).toBe(405);
  });
});

describe("the metrics token", () => {
  it("is compared exactly, and demo mode derives one per installation from its secrets", () => {
    expect(isMetricsTokenValid(`bearer ${TOKEN}`, TOKEN)).toBe(true);
    expect(isMetricsTokenValid(`Bearer ${TOKEN.slice(1)}`, TOKEN)).toBe(false);
    const a = generateDemoSecrets();
    const b = generateDemoSecrets();
    expect(demoMetricsToken(a.authSecret)).not.toBe(demoMetricsToken(b.authSecret));
    expect(parseEnv({}, { demoSecrets: a }).metrics.token).toBe(demoMetricsToken(a.authSecret));
  });

  it("is off in production unless set, and refused there when short or missing for a worker port", () => {
    const strong = "x".repeat(16) + "A1b2C3d4E5f6G7h8I9j0";
    const production = {
      NODE_ENV: "production", PUBLIC_URL: "https://pay.example.co.ke", DATABASE_URL: "postgresql://m:s@db:5432/m",
      AUTH_SECRET: `auth-${strong}`, CALLBACK_SECRET: `callback-${strong}`, DATA_SECRET: `data-${strong}`,
      DARAJA_LIVE_CONSUMER_KEY: "k", DARAJA_LIVE_CONSUMER_SECRET: "s", DARAJA_LIVE_SHORTCODE: "600000", DARAJA_LIVE_PASSKEY: "p",
    };
    expect(parseEnv(production).metrics).toEqual({ token: null, workerPort: null });
    expect(parseEnv({ ...production, METRICS_TOKEN: TOKEN, WORKER_METRICS_PORT: "9464" }).metrics).toEqual({ token: TOKEN, workerPort: 9464 });
    expect(() => parseEnv({ ...production, METRICS_TOKEN: "short-but-16-chars" })).toThrow(ConfigError);
    expect(() => parseEnv({ ...production, WORKER_METRICS_PORT: "9464" })).toThrow(/WORKER_METRICS_PORT/);
  });
});
