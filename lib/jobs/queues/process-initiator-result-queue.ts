import { z } from "zod";
import type { JobQueue } from "@/lib/jobs/define-job";

/**
 * The queue of initiator-results.process (handler: lib/initiator-requests/process-initiator-result-job.ts):
 * one stored result (or queue timeout notice) of a Transaction Status request, read into its
 * request and M-Pesa's ledger. Its request row is written before the call, so a result never waits
 * for anything: retries only cover faults. The payload is the callbacks' own.
 */
export const processInitiatorResultQueue = {
  name: "initiator-results.process",
  schema: z.strictObject({
    callbackLogId: z.string().regex(/^\d{1,19}$/),
    /** Set when an admin re-queues a result; kept for the same payload as callbacks.process. */
    windowStartedAt: z.iso.datetime().optional(),
  }),
  queue: { retryLimit: 20, retryDelay: 1, retryBackoff: true, retryDelayMax: 60, expireInSeconds: 120, heartbeatSeconds: 10 },
} satisfies JobQueue;
