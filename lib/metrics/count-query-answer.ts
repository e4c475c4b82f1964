import type { StkQueryResult } from "@/lib/mpesa/client";
import { getProcessMetrics } from "@/lib/metrics/process-metrics";

/** Counts one STK status query answer by its kind, in memory. */
export function countQueryAnswer(answer: StkQueryResult): void {
  const detail = answer.kind === "final" ? answer.classification.outcome : answer.kind === "error" ? answer.error.kind : "processing";
  getProcessMetrics().statusQueries.inc({ answer: answer.kind, detail });
}
