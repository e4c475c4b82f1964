import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { defineJob } from "@/lib/jobs/define-job";
import { LEDGER_PULL_PASS_SECONDS, ledgerPullQueue } from "@/lib/jobs/queues/ledger-pull-queue";
import { runLedgerPull } from "@/lib/ledger/pull/run-ledger-pull";

/**
 * Every minute, on one worker at a time: every registered account whose interval has passed gets
 * its next window, and failed windows due again are asked (lib/ledger/pull/pull-account.ts).
 */
export const ledgerPullJob = defineJob({
  ...ledgerPullQueue,
  concurrency: 1,
  batchSize: 1,
  everySeconds: () => LEDGER_PULL_PASS_SECONDS,
  handler: async (_data, { logger, signal }) => {
    const summary = await runLedgerPull(getDb(), { env: getEnv(), now: () => new Date(), logger, signal });
    if (summary.complete || summary.failed || summary.split || summary.gaps) logger.info(summary, "ledger pulled");
    return summary;
  },
});
