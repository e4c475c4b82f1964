import { z } from "zod";
import type { Db } from "@/lib/db/client";
import type { JobQueue } from "@/lib/jobs/define-job";
import { getSenderBoss } from "@/lib/jobs/boss";
import { ensureQueue } from "@/lib/jobs/ensure-queue";
import { sendJob } from "@/lib/jobs/send-job";

/** How often the worker matches PENDING ledger lines even when no sighting nudged it. */
export const LEDGER_MATCH_EVERY_SECONDS = 5;

/**
 * The queue of ledger.match (handler: lib/ledger/match-ledger-job.ts), apart from its handler so
 * that sources of ledger lines nudge it without loading the matcher. Not retried: every line it
 * leaves PENDING is taken by the next run.
 */
export const matchLedgerQueue = {
  name: "ledger.match",
  schema: z.object({}).strict(),
  queue: { retryLimit: 0, expireInSeconds: 300, deleteAfterSeconds: 3600, policy: "standard" },
} satisfies JobQueue;

/**
 * Asks for a matching run now, in the caller's transaction (the run exists if and only if the line
 * it is for was committed). At most one nudge a second however many lines arrive: a run takes
 * every PENDING line, not only the one that asked.
 */
export async function nudgeLedgerMatch(tx: Db): Promise<void> {
  const boss = await getSenderBoss();
  await ensureQueue(boss, matchLedgerQueue);
  await sendJob(matchLedgerQueue, {}, { tx, boss, singletonKey: "ledger.match:nudge", singletonSeconds: 1 });
}
