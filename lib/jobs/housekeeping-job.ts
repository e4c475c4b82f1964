import { z } from "zod";
import { getDb } from "@/lib/db";
import { defineJob } from "@/lib/jobs/define-job";
import { purgeExpiredRecords } from "@/lib/housekeeping/purge-expired-records";

/** Hourly clean-up of expired idempotency keys, rate-limit counters and stale heartbeats. */
export const housekeepingJob = defineJob({
  name: "housekeeping.purge",
  schema: z.object({}).strict(),
  queue: { retryLimit: 3, retryDelay: 60, retryBackoff: true, expireInSeconds: 300, policy: "singleton" },
  everySeconds: () => 3600,
  handler: async (_data, { logger }) => {
    const result = await purgeExpiredRecords(getDb());
    logger.info(result, "purged expired records");
    return result;
  },
});
