import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { defineJob } from "@/lib/jobs/define-job";
import { checkPendingRefunds } from "@/lib/refunds/check-pending-refunds";

/**
 * Every minute: refunds sent whose result has not come within REFUND_CHECK_AFTER_MINUTES are
 * looked for in M-Pesa's ledger and asked about (lib/refunds/check-pending-refunds.ts). Not
 * retried: the next run is the retry.
 */
export const checkPendingRefundsJob = defineJob({
  name: "refunds.check",
  schema: z.object({}).strict(),
  queue: { retryLimit: 0, expireInSeconds: 300, deleteAfterSeconds: 3600, policy: "standard" },
  concurrency: 1,
  batchSize: 1,
  everySeconds: () => 60,
  handler: async (_data, { logger }) => {
    const result = await checkPendingRefunds(getDb(), getEnv(), { now: new Date() });
    if (result.fromLedger + result.asked + result.waiting > 0) logger.info(result, "refund checks");
    return result;
  },
});
