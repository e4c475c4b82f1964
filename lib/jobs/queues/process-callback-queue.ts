import { z } from "zod";
import type { JobQueue } from "@/lib/jobs/define-job";

/** Retries cover the longest unmatched window (1 h) with delays capped at 30 s; the last one parks. */
export const PROCESS_CALLBACK_RETRY_LIMIT = 150;

/**
 * The queue of callbacks.process, apart from its handler (lib/callbacks/process-callback-job.ts),
 * so that the web process stores a callback and queues it without loading the processing chain.
 */
export const processCallbackQueue = {
  name: "callbacks.process",
  schema: z.strictObject({
    callbackLogId: z.string().regex(/^\d{1,19}$/),
    /** Set when an admin re-queues a parked callback: its unmatched window starts again. */
    windowStartedAt: z.iso.datetime().optional(),
  }),
  // A callback takes milliseconds. The worker beats every 5 s for jobs in hand, so a job silent for
  // 10 s belongs to a dead worker (SIGKILL, lost host) and is retried at the next supervise pass;
  // expireInSeconds still bounds a live handler that hangs.
  queue: { retryLimit: PROCESS_CALLBACK_RETRY_LIMIT, retryDelay: 1, retryBackoff: true, retryDelayMax: 30, expireInSeconds: 120, heartbeatSeconds: 10 },
} satisfies JobQueue;
