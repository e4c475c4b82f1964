import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { defineJob } from "@/lib/jobs/define-job";
import { checkLedgerMissing } from "@/lib/ledger/check-ledger-missing";

/** Coverage arrives by the hour at most (pull windows, statement uploads): a quarter-hourly check is prompt enough. */
const CHECK_EVERY_SECONDS = 900;

/**
 * Every quarter of an hour: flags succeeded payments M-Pesa's ledger does not have after
 * LEDGER_MISSING_AFTER_HOURS (lib/ledger/check-ledger-missing.ts). Not retried: the next run is the retry.
 */
export const checkLedgerMissingJob = defineJob({
  name: "ledger.check-missing",
  schema: z.object({}).strict(),
  queue: { retryLimit: 0, expireInSeconds: 600, deleteAfterSeconds: 3600, policy: "standard" },
  concurrency: 1,
  batchSize: 1,
  everySeconds: () => CHECK_EVERY_SECONDS,
  handler: async (_data, { logger }) => {
    const result = await checkLedgerMissing(getDb(), { now: new Date(), missingAfterHours: getEnv().ledger.missingAfterHours });
    if (result.flagged > 0 || result.cleared > 0) logger.info(result, "ledger check: payments missing from M-Pesa's ledger");
    return result;
  },
});
