import { collectDefaultMetrics, Counter, Histogram, Registry } from "prom-client";

/**
 * The metrics one process counts, in memory: a counter or histogram update is a few arithmetic
 * operations and never I/O, so the callback acknowledgement path can count every request. Each
 * process (web, worker) keeps its own and serves it on its own /metrics; Prometheus sums them.
 *
 * Kept on globalThis: the web server and Next's bundled copy of this module must count into one
 * registry, as lib/env.ts shares one configuration.
 */
export interface ProcessMetrics {
  registry: Registry;
  callbacksReceived: Counter;
  callbacksRefused: Counter<"reason">;
  callbacksSpooled: Counter;
  callbackAckSeconds: Histogram<"outcome">;
  apiOwnSeconds: Histogram<"route">;
  apiProviderSeconds: Histogram<"route">;
  statusQueries: Counter<"answer" | "detail">;
  webhookAttempts: Counter<"result">;
  jobs: Counter<"queue" | "result">;
  ledgerPullWindows: Counter<"outcome">;
  collectErrors: Counter<"source">;
}

const KEY = Symbol.for("malipo.metrics");
type Holder = { [KEY]?: ProcessMetrics };

export function getProcessMetrics(): ProcessMetrics {
  const holder = globalThis as Holder;
  holder[KEY] ??= createProcessMetrics();
  return holder[KEY];
}

function createProcessMetrics(): ProcessMetrics {
  const registry = new Registry();
  const registers = [registry];
  // CPU, memory, event-loop lag, GC and handles: the process's own health, sampled at scrape.
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    callbacksReceived: new Counter({ name: "malipo_callbacks_received_total", help: "Requests that reached the STK callback endpoint, whatever became of them.", registers }),
    callbacksRefused: new Counter({
      name: "malipo_callbacks_refused_total", help: "Callback requests refused at the door, by reason (source_address, invalid_token, too_large).",
      labelNames: ["reason"], registers,
    }),
    callbacksSpooled: new Counter({ name: "malipo_callbacks_spooled_total", help: "Callbacks written to this host's spool because PostgreSQL could not store them.", registers }),
    callbackAckSeconds: new Histogram({
      name: "malipo_callback_ack_seconds", help: "Time from a callback request's arrival to its answer, by outcome (accepted, spooled, refused, error).",
      labelNames: ["outcome"], buckets: [0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5], registers,
    }),
    apiOwnSeconds: new Histogram({
      name: "malipo_api_own_seconds", help: "Storefront API requests: time spent in Malipo itself (the request's time minus its M-Pesa calls), by route.",
      labelNames: ["route"], buckets: [0.001, 0.002, 0.003, 0.005, 0.0075, 0.01, 0.015, 0.02, 0.025, 0.035, 0.05, 0.075, 0.1, 0.25, 0.5, 1], registers,
    }),
    apiProviderSeconds: new Histogram({
      name: "malipo_api_provider_seconds", help: "Storefront API requests: time spent waiting for M-Pesa (token, push, query), by route.",
      labelNames: ["route"], buckets: [0.001, 0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 1, 2, 5, 10, 30], registers,
    }),
    statusQueries: new Counter({
      name: "malipo_status_queries_total", help: "STK status query answers: final (detail: succeeded, failed, cancelled), pending, or error (detail: its kind).",
      labelNames: ["answer", "detail"], registers,
    }),
    webhookAttempts: new Counter({
      name: "malipo_webhook_attempts_total", help: "Storefront webhook attempts by what they led to: succeeded, retrying (failed, will retry), failed (gave up), superseded.",
      labelNames: ["result"], registers,
    }),
    ledgerPullWindows: new Counter({ name: "malipo_ledger_pull_windows_total", help: "Pull Transactions windows asked, by outcome (complete, failed, split).", labelNames: ["outcome"], registers }),
    jobs: new Counter({ name: "malipo_jobs_total", help: "Jobs this worker ran, by queue and result (completed, failed, rejected).", labelNames: ["queue", "result"], registers }),
    collectErrors: new Counter({ name: "malipo_metrics_collect_errors_total", help: "Scrapes where a gauge could not be read (its samples are left out), by source.", labelNames: ["source"], registers }),
  };
}
