import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { defineJob } from "@/lib/jobs/define-job";
import { firstExpiredQueryAt } from "@/lib/payments/expired-query-schedule";
import { reconcileSettings } from "@/lib/reconcile/reconcile-settings";
import { sweepPayments } from "@/lib/reconcile/sweep-payments";

/**
 * Every SWEEP_INTERVAL_SECONDS: expires overdue payments in batches and re-queues status queries
 * that lost their job. Not retried: the next run is the retry. Runs in several workers at once are
 * safe (rows are claimed with SKIP LOCKED and every write is conditional).
 */
export const sweepPaymentsJob = defineJob({
  name: "payments.sweep",
  schema: z.object({}).strict(),
  queue: { retryLimit: 0, expireInSeconds: 600, deleteAfterSeconds: 3600, policy: "standard" },
  concurrency: 1,
  batchSize: 1,
  everySeconds: (env) => env.payments.sweepIntervalSeconds,
  handler: async (_data, { logger }) => {
    const env = getEnv();
    const { sweepIntervalSeconds, queryRatePerSecond } = env.payments;
    const now = new Date();
    // Any reconcile job serves the oldest due payment, so a few more than the rate can serve
    // before the next sweep are enough to keep a backlog draining.
    const result = await sweepPayments(getDb(), {
      now, wakeLimit: Math.min(5000, 2 * queryRatePerSecond * sweepIntervalSeconds + 10), expiredQueryAt: firstExpiredQueryAt(now, reconcileSettings(env)),
    });
    if (result.expired > 0 || result.woken > 0) logger.info(result, "payments swept");
    return result;
  },
});
