import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCallbackToken } from "@/lib/rails/callback-token";
import { SANDBOX_PASSKEY } from "@/lib/env";
import { sendTestEvent } from "@/lib/events/send-test-event";
import { handleWebMetrics } from "@/lib/main/web-metrics";
import { createDarajaClient } from "@/lib/rails/daraja/client";
import { scenarioPhone } from "@/lib/rails/daraja/simulator/scenarios";
import { reconcilePayment } from "@/lib/reconcile/reconcile-payment";
import { darajaQueryTarget, reconcileSettings, type DarajaQueryAccount } from "@/lib/reconcile/reconcile-settings";
import { darajaForPayment } from "@/lib/collection-accounts/payment-daraja";
import { setWebhookEndpoint } from "@/lib/storefronts/set-webhook-endpoint";
import { startWorkerMetricsServer, type WorkerMetricsServer } from "@/lib/metrics/worker-metrics-server";
import { eventually, startGateway, type Gateway } from "@/lib/testing/gateway";
import { insertPendingPayments, type PendingPayment } from "@/lib/testing/pending-payments";
import { parsePrometheusText, sampleValue, type MetricFamily } from "@/lib/testing/prometheus-text";
import { startWebhookReceiver, type WebhookReceiver } from "@/lib/testing/webhook-receiver";
import { dispatchWebhooks } from "@/lib/webhooks/dispatch-webhooks";

const TOKEN = "metrics-test-token-0123456789abcdef";

/**
 * /metrics as Prometheus scrapes it: refused without the token, parsed strictly, and counting what
 * the callback route, the worker and the database say. The web server's handler runs here on a
 * plain Node server, beside the gateway's routes in the same process (so one registry counts both).
 */
describe("GET /metrics", () => {
  let gw: Gateway;
  let web: http.Server;
  let webUrl: string;
  let worker: WorkerMetricsServer | null;
  let payments: PendingPayment[];

  const scrape = async (url: string, token: string | null = TOKEN) => {
    const res = await fetch(`${url}/metrics`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
    return { status: res.status, type: res.headers.get("content-type"), text: await res.text() };
  };
  const families = async (url = webUrl) => {
    const res = await scrape(url);
    expect(res.status).toBe(200);
    return parsePrometheusText(res.text);
  };
  const post = (path: string, body: string) => fetch(`${gw.app.url}${path}`, { method: "POST", headers: { "Content-Type": "application/json" }, body });

  beforeAll(async () => {
    gw = await startGateway({ env: { METRICS_TOKEN: TOKEN, CALLBACK_MAX_BODY_BYTES: "2048" } });
    payments = await insertPendingPayments(gw.db, { count: 3, tag: "met", callbackSecret: gw.env.secrets.callback });
    web = http.createServer((req, res) => void (handleWebMetrics(req, res) || res.writeHead(404).end()));
    await new Promise<void>((resolve) => web.listen(0, "127.0.0.1", resolve));
    webUrl = `http://127.0.0.1:${(web.address() as AddressInfo).port}`;
    worker = await startWorkerMetricsServer(gw.env, 0);
  });
  afterAll(async () => {
    await worker?.close();
    await new Promise((resolve) => web?.close(resolve));
    await gw?.close();
  });

  it("refuses a scrape without the right bearer token", async () => {
    expect((await scrape(webUrl, null)).status).toBe(401);
    expect((await scrape(webUrl, "wrong-token-wrong-token-wrong")).status).toBe(401);
    const ok = await scrape(webUrl);
    expect(ok.status).toBe(200);
    expect(ok.type).toContain("text/plain");
    expect(ok.type).toContain("version=0.0.4");
  });

  it("counts callbacks received, refused by reason and acknowledged, and the worker's jobs", async () => {
    const before = await families();
    const count = (f: Map<string, MetricFamily>, name: string, labels = {}) => sampleValue(f, name, labels) ?? 0;
    for (const p of payments) expect((await post(p.callbackPath, p.successBody)).status).toBe(200);
    expect((await post(`/api/callbacks/stk/${createCallbackToken("pay_unknown", "another secret", "TEST")}`, "{}")).status).toBe(404);
    expect((await post(payments[0]!.callbackPath, "x".repeat(4000))).status).toBe(413);

    const after = await families();
    expect(count(after, "malipo_callbacks_received_total") - count(before, "malipo_callbacks_received_total")).toBe(5);
    expect(count(after, "malipo_callbacks_refused_total", { reason: "invalid_token" }) - count(before, "malipo_callbacks_refused_total", { reason: "invalid_token" })).toBe(1);
    expect(count(after, "malipo_callbacks_refused_total", { reason: "too_large" }) - count(before, "malipo_callbacks_refused_total", { reason: "too_large" })).toBe(1);
    expect(count(after, "malipo_callback_ack_seconds_count", { outcome: "accepted" }) - count(before, "malipo_callback_ack_seconds_count", { outcome: "accepted" })).toBe(3);
    expect(after.get("malipo_callback_ack_seconds")?.type).toBe("histogram");
    expect(sampleValue(after, "malipo_callbacks_received_total", { process: "web" })).toBeGreaterThan(0);

    // The worker applies them; its own port shows its job counter moving.
    await eventually(async () => (await gw.db.payment.count({ where: { id: { in: payments.map((p) => p.id) }, status: "SUCCEEDED" } })) === 3);
    const workerFamilies = await eventually(async () => {
      const f = await families(`http://127.0.0.1:${worker!.port}`);
      return (sampleValue(f, "malipo_jobs_total", { queue: "callbacks.process", result: "completed" }) ?? 0) >= 3 && f;
    });
    expect(workerFamilies.get("process_cpu_seconds_total")?.type).toBe("counter");
  });

  it("reports payments by status, mode and rail, queue depths and this host's spool", async () => {
    await eventually(async () => {
      const f = await families();
      return sampleValue(f, "malipo_payments_created_24h", { status: "succeeded", mode: "test", rail: "daraja_stk" }) === 3 && f;
    }, 15_000);
    const f = await families();
    expect(sampleValue(f, "malipo_spool_files", { state: "pending" })).toBe(0);
    expect(sampleValue(f, "malipo_spool_files", { state: "quarantined" })).toBe(0);
    expect(sampleValue(f, "malipo_webhook_endpoints", { state: "disabled" })).toBe(0);
    expect(f.get("malipo_payments_open")?.type).toBe("gauge");
    expect(f.get("malipo_queue_jobs")?.type).toBe("gauge");
  });

  it("counts an API request's own time apart from the time it waited for M-Pesa", async () => {
    const shop = await gw.createStorefront("Own time");
    const latency = (body: object) => fetch(`${gw.sim.url}/__sim/latency`, { method: "POST", body: JSON.stringify(body) });
    const before = await families();
    // Daraja answers the push after 150 ms: that much of the request is M-Pesa's, not Malipo's.
    await latency({ pushMs: 150 });
    let elapsedMs: number;
    try {
      const started = performance.now();
      const res = await gw.api(shop.keys.TEST, "POST", "/api/v1/payments", { body: { amount: 10, phone: "254708374149", reference: "OWN-1" } });
      elapsedMs = performance.now() - started;
      expect(res.status).toBe(201);
    } finally {
      await latency({ pushMs: 0 });
    }
    const after = await families();
    const route = { route: "payments.create" };
    const moved = (name: string) => (sampleValue(after, name, route) ?? 0) - (sampleValue(before, name, route) ?? 0);
    expect(moved("malipo_api_own_seconds_count")).toBe(1);
    expect(moved("malipo_api_provider_seconds_count")).toBe(1);
    expect(moved("malipo_api_provider_seconds_sum")).toBeGreaterThanOrEqual(0.145);
    // Own time leaves the push out: at most what the client waited, less the push's 150 ms.
    expect(moved("malipo_api_own_seconds_sum") * 1000).toBeLessThanOrEqual(elapsedMs - 145);
    expect(after.get("malipo_api_own_seconds")?.type).toBe("histogram");
  });

  it("counts status query answers by kind and storefront webhook attempts by result", async () => {
    const count = (f: Map<string, MetricFamily>, name: string, labels: Record<string, string>) => sampleValue(f, name, labels) ?? 0;
    const shop = await gw.createStorefront("Metrics queries");
    const created = await gw.api(shop.keys.TEST, "POST", "/api/v1/payments", { body: { amount: 120, phone: scenarioPhone("pending-forever"), reference: "METRICS" } });
    expect(created.status).toBe(201);
    const pending = await gw.db.payment.findUniqueOrThrow({ where: { id: String(created.body.id) } });
    const right = (await darajaForPayment(gw.db, gw.env, pending))!;
    const wrong: DarajaQueryAccount = { ...right, client: createDarajaClient({ ...gw.env.daraja.test!, passkey: `${SANDBOX_PASSKEY.slice(0, -1)}0` }) };
    // The reconciler waits in real time for its rate-limit slot: its instant is the payment's creation, already past.
    const query = async (target: DarajaQueryAccount) => {
      await gw.db.payment.update({ where: { id: pending.id }, data: { nextQueryAt: pending.createdAt } });
      await reconcilePayment(gw.db, { paymentId: pending.id, settings: reconcileSettings(gw.env), queryTargetFor: () => darajaQueryTarget(target, gw.env), now: () => pending.createdAt, maxQueries: 1 });
    };
    // A storefront endpoint that is down for the first attempt and answers the retry.
    let receiver: WebhookReceiver | null = null;
    try {
      receiver = await startWebhookReceiver((nth) => (nth === 1 ? { status: 503, body: "busy" } : { status: 200 }));
      const hooked = await gw.createStorefront("Metrics hooks");
      const actor = { id: null, email: "admin@example.test" };
      const { endpointId } = await setWebhookEndpoint(gw.db, { storefrontId: hooked.id, mode: "TEST", url: receiver.url, actor, dataSecret: gw.env.secrets.data, targets: gw.env.webhooks.targets });
      const dispatchAt = (seconds: number) => dispatchWebhooks(gw.db, {
        settings: { ...gw.env.webhooks, backoffBaseSeconds: 1, backoffMaxSeconds: 1 }, dataSecret: gw.env.secrets.data, targets: gw.env.webhooks.targets,
        clock: () => new Date(pending.createdAt.getTime() + seconds * 1000),
      });

      const before = await families();
      await query(right);
      await query(wrong);
      await sendTestEvent(gw.db, { storefrontId: hooked.id, endpointId, actor, now: pending.createdAt });
      expect(await dispatchAt(0)).toMatchObject({ retrying: 1 });
      expect(await dispatchAt(5)).toMatchObject({ succeeded: 1 });
      const after = await families();

      const moved = (name: string, labels: Record<string, string>) => count(after, name, labels) - count(before, name, labels);
      expect(moved("malipo_status_queries_total", { answer: "pending", detail: "processing" })).toBe(1);
      expect(moved("malipo_status_queries_total", { answer: "error", detail: "configuration" })).toBe(1);
      expect(moved("malipo_webhook_attempts_total", { result: "retrying" })).toBe(1);
      expect(moved("malipo_webhook_attempts_total", { result: "succeeded" })).toBe(1);
      expect(after.get("malipo_status_queries_total")?.type).toBe("counter");
      expect(receiver.received).toHaveLength(2);
    } finally {
      await receiver?.close();
    }
  });
});
