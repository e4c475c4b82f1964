import { z } from "zod";
import type { JobQueue } from "@/lib/jobs/define-job";

/**
 * The queue of c2b.process (handler: lib/c2b/process-c2b-job.ts): one stored C2B confirmation to
 * settle a payment with or keep as an unattached receipt. Apart from its handler so the web
 * process queues confirmations without loading the processing chain. A confirmation never waits
 * for a payment to appear (the payment it pays was made before), so retries only cover faults.
 */
export const processC2bQueue = {
  name: "c2b.process",
  schema: z.strictObject({
    callbackLogId: z.string().regex(/^\d{1,19}$/),
    /** Set when an admin re-queues a confirmation; kept for the same payload as callbacks.process. */
    windowStartedAt: z.iso.datetime().optional(),
  }),
  queue: { retryLimit: 20, retryDelay: 1, retryBackoff: true, retryDelayMax: 60, expireInSeconds: 120, heartbeatSeconds: 10 },
} satisfies JobQueue;
