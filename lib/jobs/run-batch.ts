import type { Job, JobResult } from "pg-boss";
import type { JobDefinition } from "@/lib/jobs/define-job";
import { settleJob } from "@/lib/jobs/run-job";
import { createLogger } from "@/lib/logger";

const log = createLogger("worker");

type Settle = (def: JobDefinition, job: Job<object>) => Promise<JobResult>;

/**
 * Runs one fetched batch and answers every job's own result, in the batch's order. A definition's
 * `lanes` decides which jobs wait for each other; every job runs exactly once whatever the plan
 * says (one it leaves out or does not know runs on its own lane, one it names twice runs once).
 * A plan that fails (its query, say) leaves every job on its own lane, as without one: the order
 * is a courtesy, the handlers' own row locks are what keep them correct.
 */
export async function runBatch(def: JobDefinition, jobs: Job<object>[], settle: Settle = settleJob): Promise<JobResult[]> {
  const results = new Map<string, JobResult>();
  const lanes = await planLanes(def, jobs);
  await Promise.all(lanes.map(async (lane) => {
    for (const job of lane) {
      // A job whose time ran out while it waited in its lane (pg-boss aborts it at its expiry, and
      // may have handed it to another worker) is not started: it fails here and is retried.
      results.set(job.id, job.signal?.aborted ? abandoned(job) : await settle(def, job));
    }
  }));
  return jobs.map((job) => results.get(job.id)!);
}

function abandoned(job: Job<object>): JobResult {
  return { id: job.id, status: "failed", output: { message: "its time ran out while it waited for its lane" } };
}

async function planLanes(def: JobDefinition, jobs: Job<object>[]): Promise<Job<object>[][]> {
  // A lone job has nothing to wait for: no plan, no query.
  if (!def.lanes || jobs.length < 2) return jobs.map((job) => [job]);
  // Invalid payloads are the runner's to reject; the plan sees checked payloads only.
  const checked = jobs.flatMap((job) => {
    const parsed = def.schema.safeParse(job.data);
    return parsed.success ? [{ id: job.id, data: parsed.data }] : [];
  });
  let planned: string[][];
  try {
    planned = await def.lanes(checked);
  } catch (error) {
    log.warn({ err: error, job: def.name, jobs: jobs.length }, "could not plan the batch's lanes; running its jobs side by side");
    return jobs.map((job) => [job]);
  }
  const unplaced = new Map(jobs.map((job) => [job.id, job]));
  const lanes: Job<object>[][] = [];
  for (const ids of planned) {
    const lane = ids.flatMap((id) => {
      const job = unplaced.get(id);
      unplaced.delete(id);
      return job ? [job] : [];
    });
    if (lane.length > 0) lanes.push(lane);
  }
  for (const job of unplaced.values()) lanes.push([job]);
  return lanes;
}
