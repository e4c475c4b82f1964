import { z } from "zod";
import type { JobQueue } from "@/lib/jobs/define-job";

/**
 * The queue of ledger.pull (handler: lib/ledger/pull/ledger-pull-job.ts): a periodic pass that pulls
 * every registered account's due Pull Transactions windows. Not retried by the queue: a failed
 * window is kept in ledger_pull_windows with its own backoff, and the next pass asks it again.
 */
export const ledgerPullQueue = {
  name: "ledger.pull",
  schema: z.object({}).strict(),
  queue: { retryLimit: 0, expireInSeconds: 900, deleteAfterSeconds: 3600, policy: "standard" },
} satisfies JobQueue;

/** Passes run every minute: each account is pulled every LEDGER_PULL_INTERVAL_MINUTES, and failed windows are asked again on their backoff. */
export const LEDGER_PULL_PASS_SECONDS = 60;
