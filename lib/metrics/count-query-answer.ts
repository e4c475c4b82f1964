import { getProcessMetrics } from "@/lib/metrics/process-metrics";

/**
 * Counts one status query answer, in memory: `answer` is its kind (final, processing, error) and
 * `detail` the outcome or error kind. The rail names them, so metrics depends on no provider.
 */
export function countQueryAnswer(answer: string, detail: string): void {
  getProcessMetrics().statusQueries.inc({ answer, detail });
}
