import type { Job, JobResult } from "pg-boss";
import { PermanentJobError, type JobDefinition } from "@/lib/jobs/define-job";
import { createLogger } from "@/lib/logger";
import { countJobFailure, countJobRun } from "@/lib/metrics/count-job-run";

const log = createLogger("worker");

/**
 * Runs one fetched job to its result; never throws, so one job's failure is its own and never its
 * batch-mates'. "failed" is retried by the queue's policy until its retry limit.
 */
export async function settleJob(def: JobDefinition, job: Job<object>): Promise<JobResult> {
  try {
    const output = await runJob(def, job);
    countJobRun(def.name, output);
    return { id: job.id, status: "completed", output };
  } catch (error) {
    countJobFailure(def.name);
    return { id: job.id, status: "failed", output: { message: error instanceof Error ? error.message : String(error) } };
  }
}

async function runJob(def: JobDefinition, job: Job<object>): Promise<unknown> {
  const logger = log.child({ job: def.name, jobId: job.id, attempt: job.retryCount + 1 });
  const parsed = def.schema.safeParse(job.data);
  if (!parsed.success) {
    // A payload that can never be valid is completed with the reason, not retried.
    logger.error({ issues: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`) }, "invalid job payload; not retried");
    return { rejected: "invalid payload" };
  }
  const started = performance.now();
  try {
    const output = await def.handler(parsed.data, { jobId: job.id, retryCount: job.retryCount, logger, signal: job.signal });
    // Periodic jobs run every second or so: their routine completions are debug-level noise.
    logger[def.everySeconds ? "debug" : "info"]({ durationMs: Math.round(performance.now() - started) }, "job completed");
    return output;
  } catch (error) {
    const durationMs = Math.round(performance.now() - started);
    if (error instanceof PermanentJobError) {
      logger.error({ err: error, durationMs }, "job failed permanently; not retried");
      return { rejected: error.message };
    }
    logger.warn({ err: error, durationMs }, "job failed; will retry per queue policy");
    throw error;
  }
}
