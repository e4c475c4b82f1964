/**
 * The targets of issue 17 in one table: every scenario judges its figures here, so a target is
 * stated once and the report's "met" column cannot drift from it. `max`: the figure must not exceed
 * the limit; `min`: it must reach it.
 */
export interface Target {
  kind: "max" | "min";
  limit: number;
  unit: string;
}

export const TARGETS = {
  /** Callback acknowledgement p99 at 200 callbacks/s. */
  ackP99: { kind: "max", limit: 20, unit: "ms" },
  /** Failed acknowledgements (non-2xx, timeouts, resets) during the ack run. */
  ackErrors: { kind: "max", limit: 0, unit: "" },
  /** Callback ingest ceiling vs a bare Node server doing one INSERT, same run. */
  ingestRatio: { kind: "min", limit: 0.7, unit: "×" },
  /** Callback → final status p95, through one worker, at 100/s and at 200/s. */
  finalP95: { kind: "max", limit: 250, unit: "ms" },
  /** Payment creation throughput vs the naive tutorial route, zero-latency simulator. */
  creationRatio: { kind: "min", limit: 0.5, unit: "×" },
  /** The same with Daraja's real latency (OAuth ~250 ms, push ~600 ms), where a token per push costs. */
  creationRatioRealistic: { kind: "min", limit: 1.5, unit: "×" },
  /** Malipo's own time per create (the request's time minus its M-Pesa calls) at 50/s, p50 and p99. */
  ownTimeP50: { kind: "max", limit: 5, unit: "ms" },
  ownTimeP99: { kind: "max", limit: 25, unit: "ms" },
  /** Dashboard overview at 1 M payments, p95. */
  overviewP95: { kind: "max", limit: 100, unit: "ms" },
  /** Deep page (page 4,000) at 1 M payments, p95; the bench holds the table's other queries to it too. */
  pageP95: { kind: "max", limit: 50, unit: "ms" },
  /** Expiry sweep of 100,000 overdue payments. */
  sweepSeconds: { kind: "max", limit: 5, unit: "s" },
  /** CSV export of 1.1 M rows. */
  csvRowsPerSecond: { kind: "min", limit: 150_000, unit: "rows/s" },
  /** Export memory growth for 10× the rows ("memory flat"). */
  csvMemoryGrowth: { kind: "max", limit: 1.25, unit: "×" },
} as const satisfies Record<string, Target>;

export type TargetName = keyof typeof TARGETS;

/**
 * A figure's target in words and whether `value` meets it; `valid` false (the run did not complete,
 * say) makes it missed whatever the value.
 */
export function verdict(name: TargetName, value: number, valid = true): { target: string; met: boolean } {
  const t: Target = TARGETS[name];
  const met = valid && Number.isFinite(value) && (t.kind === "max" ? value <= t.limit : value >= t.limit);
  return { target: describeTarget(t), met };
}

export function describeTarget(t: Target): string {
  const limit = t.limit >= 1000 ? t.limit.toLocaleString("en-US") : String(t.limit);
  const unit = t.unit === "×" ? "×" : t.unit ? ` ${t.unit}` : "";
  return `${t.kind === "max" ? "≤" : "≥"} ${limit}${unit}`;
}
