import { getDb } from "@/lib/db/client";
import { defineJob } from "@/lib/jobs/define-job";
import { LEDGER_MATCH_EVERY_SECONDS, matchLedgerQueue } from "@/lib/jobs/queues/match-ledger-queue";
import { matchLedgerLines } from "@/lib/ledger/match-ledger-lines";

/**
 * Every few seconds, and whenever a source records a line that needs it: matches PENDING ledger
 * lines against payments (lib/ledger/match-ledger-line.ts). Not retried: the next run is the retry.
 */
export const matchLedgerJob = defineJob({
  ...matchLedgerQueue,
  concurrency: 1,
  batchSize: 1,
  everySeconds: () => LEDGER_MATCH_EVERY_SECONDS,
  handler: async (_data, { logger }) => {
    const counts = await matchLedgerLines(getDb());
    if (Object.keys(counts).length > 0) logger.info(counts, "ledger lines matched");
    return counts;
  },
});
