import { getProcessMetrics } from "@/lib/metrics/process-metrics";

/**
 * Counts a job that ran to its end: "rejected" when the runtime completed it without retry (an
 * invalid payload or a permanent error: its output is `{ rejected }`), otherwise "completed".
 */
export function countJobRun(queue: string, output: unknown): void {
  const rejected = output !== null && typeof output === "object" && "rejected" in output;
  getProcessMetrics().jobs.inc({ queue, result: rejected ? "rejected" : "completed" });
}

/** Counts a job that threw: it is retried by its queue's policy. */
export function countJobFailure(queue: string): void {
  getProcessMetrics().jobs.inc({ queue, result: "failed" });
}
