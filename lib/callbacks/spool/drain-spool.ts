import { rm } from "node:fs/promises";
import type { PgBoss } from "pg-boss";
import { storeAdmittedCallback } from "@/lib/callbacks/store-admitted-callback";
import { isDatabaseUnreachable } from "@/lib/db/is-database-unreachable";
import { isRowRefusal } from "@/lib/db/refused-row";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createLogger } from "@/lib/logger";
import { quarantineSpoolFile, readSpool, type SpooledCallback } from "@/lib/callbacks/spool/read-spool";

export interface DrainSpoolOptions {
  dir: string;
  /** Entries taken per call, oldest first. */
  limit?: number;
  /** Entries stored side by side. */
  concurrency?: number;
  boss?: PgBoss;
  now?: () => Date;
}

export interface DrainSummary {
  /** Inserted and queued now. */
  stored: number;
  /** Already in the database (a repeated drain, or the route's own insert committed after all). */
  alreadyStored: number;
  /** PostgreSQL refused that very row (a constraint, a value): moved to quarantine. */
  quarantined: number;
  /** Why the call stopped early, leaving the rest for the next one. */
  stopped: null | { reason: "unreachable" | "error"; error: unknown };
}

const log = createLogger("spool");

/**
 * Moves spooled callbacks into the database, each exactly once: the insert and its processing job
 * commit together under the unique spool id, and only then is the file removed. A crash between the
 * commit and the removal leaves a file whose next drain finds its row and queues nothing; two
 * drainers on one entry meet at the same unique key. An outage ends the call early, leaving the rest.
 */
export async function drainSpool(db: PrismaClient, { dir, limit = 200, concurrency = 4, boss, now = () => new Date() }: DrainSpoolOptions): Promise<DrainSummary> {
  const summary: DrainSummary = { stored: 0, alreadyStored: 0, quarantined: 0, stopped: null };
  const pending = await readSpool(dir, { limit });
  const next = () => (summary.stopped ? undefined : pending.shift());
  const drainOne = async (entry: SpooledCallback) => {
    try {
      // The unmatched window starts now: while the database was away nothing could be matched.
      const { inserted, callbackLogId } = await storeAdmittedCallback(db, { callback: entry.callback, windowStartedAt: now(), boss });
      summary[inserted ? "stored" : "alreadyStored"]++;
      log.info({ spoolId: entry.callback.spoolId, callbackLogId: String(callbackLogId), inserted }, "spooled callback stored");
    } catch (error) {
      if (isRowRefusal(error)) {
        summary.quarantined++;
        await quarantineSpoolFile(entry.file, `PostgreSQL refused it: ${error instanceof Error ? error.message.trim().split("\n").at(-1) : String(error)}`);
      } else {
        // Anything else may pass (an outage, a read-only primary, a permission or schema error in
        // the queue, pg-boss starting): keep the file for the next call.
        summary.stopped ??= { reason: isDatabaseUnreachable(error) ? "unreachable" : "error", error };
      }
      return;
    }
    await rm(entry.file, { force: true });
  };
  await Promise.all(Array.from({ length: concurrency }, async () => {
    for (let entry = next(); entry; entry = next()) await drainOne(entry);
  }));
  return summary;
}
