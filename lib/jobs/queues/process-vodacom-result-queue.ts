import { z } from "zod";
import type { JobQueue } from "@/lib/jobs/define-job";
import { PROCESS_CALLBACK_RETRY_LIMIT } from "@/lib/jobs/queues/process-callback-queue";

/**
 * The queue of vodacom-results.process (handler: lib/callbacks/process-vodacom-result-job.ts): one
 * stored asynchronous result of a Vodacom push. Like an STK callback it may beat the push's own
 * answer, so it is retried until its payment is found, within CALLBACK_UNMATCHED_RETRY_SECONDS.
 */
export const processVodacomResultQueue = {
  name: "vodacom-results.process",
  schema: z.strictObject({
    callbackLogId: z.string().regex(/^\d{1,19}$/),
    windowStartedAt: z.iso.datetime().optional(),
  }),
  queue: { retryLimit: PROCESS_CALLBACK_RETRY_LIMIT, retryDelay: 1, retryBackoff: true, retryDelayMax: 30, expireInSeconds: 120, heartbeatSeconds: 10 },
} satisfies JobQueue;
