import type { Db } from "@/lib/db/client";
import type { WebHeartbeat } from "@/lib/generated/prisma/client";

/**
 * Each web host's spool as last reported: the newest report per host and spool folder. Several web
 * processes on one host share a folder and report the same files; a process that restarted left an
 * older row that says nothing about the spool now. A host that stopped reporting keeps its last
 * report, on purpose: its spool is still on that disk until someone drains it.
 */
export async function latestSpoolReports(db: Db): Promise<WebHeartbeat[]> {
  const rows = await db.webHeartbeat.findMany({ orderBy: { lastSeenAt: "desc" } });
  const latest = new Map<string, WebHeartbeat>();
  for (const row of rows) {
    const key = spoolSubject(row);
    if (!latest.has(key)) latest.set(key, row);
  }
  return [...latest.values()];
}

export function spoolSubject(row: Pick<WebHeartbeat, "hostname" | "spoolDir">): string {
  return `${row.hostname}:${row.spoolDir}`;
}
