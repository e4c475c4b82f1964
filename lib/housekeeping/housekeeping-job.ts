import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { defineJob } from "@/lib/jobs/define-job";
import { applyRetention } from "@/lib/housekeeping/apply-retention";
import { purgeExpiredRecords } from "@/lib/housekeeping/purge-expired-records";
import { foldPaymentDailyTotals } from "@/lib/payments/fold-payment-daily-totals";

// The queue expires a run after 300 s: stop starting batches well before, the next run goes on.
const BUDGET_MS = 240_000;

/**
 * Hourly clean-up: expired idempotency keys, rate-limit counters and stale heartbeats, then the
 * RETENTION_* periods (old refused and parked callbacks, webhook attempts, phone numbers in settled
 * callback bodies). And the overview's rollup is folded, so its changes stay short even when no one
 * opens the overview (which folds too).
 */
export const housekeepingJob = defineJob({
  name: "housekeeping.purge",
  schema: z.object({}).strict(),
  queue: { retryLimit: 3, retryDelay: 60, retryBackoff: true, expireInSeconds: 300, policy: "singleton" },
  everySeconds: () => 3600,
  handler: async (_data, { logger, signal }) => {
    const db = getDb();
    const started = performance.now();
    const expired = await purgeExpiredRecords(db);
    const rollupChangesFolded = await foldPaymentDailyTotals(db);
    const retention = await applyRetention(db, {
      settings: getEnv().retention,
      shouldContinue: () => !signal.aborted && performance.now() - started < BUDGET_MS,
    });
    if (retention.callbacksKeptForReceipt > 0) {
      logger.warn({ callbacks: retention.callbacksKeptForReceipt }, "old callbacks kept past retention: each carries an M-Pesa receipt that no payment records");
    }
    logger.info({ ...expired, ...retention, rollupChangesFolded }, "purged expired records");
    return { ...expired, ...retention, rollupChangesFolded };
  },
});
