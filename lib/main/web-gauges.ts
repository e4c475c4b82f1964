import { Gauge, type Registry } from "prom-client";
import type { Backlog } from "@/lib/health/get-backlog";
import type { PaymentCounts } from "@/lib/payments/read-payment-counts";
import { getProcessMetrics } from "@/lib/metrics/process-metrics";

/** What the web process reads for its gauges at a scrape; each part may have failed on its own. */
export interface WebSnapshot {
  payments: PaymentCounts | { error: string };
  backlog: Backlog;
}

// Every payment goes through Daraja's STK Push today; the label is there for the rails to come.
const RAIL = "daraja_stk";
const QUEUE_STATES = ["ready", "deferred", "active", "failed"] as const;

/**
 * The web process's gauges: payments by status, mode and rail, pg-boss queue depths, webhook
 * endpoints that need a person, and this host's spool. They are read at scrape time, at most once
 * per `cacheMs` however many scrapers ask (a gauge each would otherwise repeat the queries).
 */
export function registerWebGauges(registry: Registry, { load, cacheMs = 5000 }: { load: () => Promise<WebSnapshot>; cacheMs?: number }): void {
  let cached: { at: number; snapshot: Promise<WebSnapshot> } | null = null;
  const snapshot = () => {
    if (!cached || performance.now() - cached.at > cacheMs) {
      const pending = load();
      cached = { at: performance.now(), snapshot: pending };
      // A failed read is not kept for the next scrape.
      pending.catch(() => (cached = null));
    }
    return cached.snapshot;
  };
  const failed = (source: string, part: unknown): part is { error: string } => {
    if (part === null || typeof part !== "object" || !("error" in part)) return false;
    getProcessMetrics().collectErrors.inc({ source });
    return true;
  };
  const registers = [registry];

  const paymentGauge = (name: string, help: string, pick: (p: PaymentCounts) => PaymentCounts["open"]) =>
    new Gauge({
      name, help, labelNames: ["status", "mode", "rail"], registers,
      async collect() {
        this.reset();
        const { payments } = await snapshot();
        if (failed("payments", payments)) return;
        for (const row of pick(payments)) this.set({ status: row.status.toLowerCase(), mode: row.mode.toLowerCase(), rail: RAIL }, row.count);
      },
    });
  paymentGauge("malipo_payments_open", "Payments not in a final state (initiating, pending, review), whatever their age.", (p) => p.open);
  paymentGauge("malipo_payments_created_24h", "Payments created in the last 24 hours, by the state they are in now.", (p) => p.recent);

  new Gauge({
    name: "malipo_queue_jobs", help: "pg-boss jobs by queue and state, as of the workers' last monitor pass.", labelNames: ["queue", "state"], registers,
    async collect() {
      this.reset();
      const { queue } = (await snapshot()).backlog;
      if (queue === null || failed("queue", queue)) return;
      for (const [name, counts] of Object.entries(queue.byQueue)) for (const state of QUEUE_STATES) this.set({ queue: name, state }, counts[state]);
    },
  });
  new Gauge({
    name: "malipo_webhook_endpoints", help: "Storefront webhook endpoints that need a person: disabled, or failing (every attempt failing).", labelNames: ["state"], registers,
    async collect() {
      this.reset();
      const { webhooks } = (await snapshot()).backlog;
      if (webhooks === null || failed("webhooks", webhooks)) return;
      this.set({ state: "disabled" }, webhooks.disabledEndpoints);
      this.set({ state: "failing" }, webhooks.failingEndpoints);
    },
  });
  new Gauge({
    name: "malipo_spool_files", help: "This host's callback spool: pending (waiting for PostgreSQL) and quarantined (waiting for a person).", labelNames: ["state"], registers,
    async collect() {
      this.reset();
      const { spool } = (await snapshot()).backlog;
      if (failed("spool", spool)) return;
      this.set({ state: "pending" }, spool.pending);
      this.set({ state: "quarantined" }, spool.quarantined);
    },
  });
}
