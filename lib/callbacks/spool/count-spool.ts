import { readdir } from "node:fs/promises";
import path from "node:path";
import { listSpool, QUARANTINE_DIR } from "@/lib/callbacks/spool/read-spool";

export interface SpoolCount {
  /** Callbacks on this host's disk waiting for PostgreSQL. */
  pending: number;
  /** Files that could not be stored and wait for a person (see README, Database outages). */
  quarantined: number;
}

/** Counts this host's spool from the file system alone, so it answers during a database outage. */
export async function countSpool(dir: string, now = Date.now()): Promise<SpoolCount> {
  const [pending, quarantined] = await Promise.all([
    listSpool(dir, now),
    readdir(path.join(dir, QUARANTINE_DIR), { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return [];
      throw error;
    }),
  ]);
  return { pending: pending.length, quarantined: quarantined.filter((entry) => entry.isFile()).length };
}
