import type { QueueOptions } from "pg-boss";
import type { z } from "zod";
import type { Logger } from "@/lib/logger";

/** A fetched job as a batch's planner sees it: its id and its checked payload. */
export interface BatchJob<T> {
  id: string;
  data: T;
}

export interface JobContext {
  jobId: string;
  /** 0 on the first attempt. */
  retryCount: number;
  logger: Logger;
  signal: AbortSignal;
}

/**
 * A job, defined once: its queue name, the payload schema, how it retries, and its handler. The web
 * app only sends; the worker walks lib/main/worker-jobs.ts and works every definition.
 */
export interface JobDefinition<S extends z.ZodType = z.ZodType> {
  name: string;
  schema: S;
  /** Retry and expiry policy of the queue, applied when the worker creates or updates it. */
  queue: QueueOptions & { policy?: "standard" | "short" | "singleton" | "stately" };
  /** Fetch loops of this queue in one worker process. */
  concurrency?: number;
  /** Jobs one fetch takes and runs side by side (default 8). */
  batchSize?: number;
  /** Runs every N seconds (at most one pending run across all workers). */
  everySeconds?: (env: import("@/lib/env").Env) => number;
  handler: (data: z.infer<S>, ctx: JobContext) => Promise<unknown>;
  /**
   * Splits a fetched batch into lanes (lists of job ids): lanes run side by side, a lane's jobs one
   * after another in the lane's order, each through `handler` with its own result. For jobs that
   * must not race each other within a batch (e.g. callbacks of one payment, in arrival order).
   * Without it every job of a batch runs side by side.
   */
  lanes?: (jobs: BatchJob<z.infer<S>>[]) => Promise<string[][]>;
}

/** A queue as senders know it: its name, payload schema and policy, without the handler. */
export type JobQueue<S extends z.ZodType = z.ZodType> = Pick<JobDefinition<S>, "name" | "schema" | "queue">;

export function defineJob<S extends z.ZodType>(definition: JobDefinition<S>): JobDefinition<S> {
  return definition;
}

/** Thrown by a handler for work that can never succeed: logged and not retried. */
export class PermanentJobError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "PermanentJobError";
  }
}
