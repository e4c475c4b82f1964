import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { BatchJob } from "@/lib/jobs/define-job";

/** A stored callback as the batch's planner reads it: no body, no lock. */
interface CallbackSubjectRow {
  id: bigint;
  token: string;
  receivedAt: Date;
}

/**
 * The lanes of a batch of callback jobs: the callbacks of one subject (what `subjectOf` reads from
 * the row's token, e.g. the payment an STK URL was issued for) one after another in arrival order
 * (callback_logs.id, then received_at), so they are judged in the order M-Pesa sent them rather
 * than in the order their transactions won the payment's lock. One statement for the whole batch.
 * A callback whose row is gone or whose token names no subject runs on its own lane: its handler
 * files it as it does today. Grouping is never a trust decision; the handler still checks the token.
 */
export async function callbackLanes(
  db: PrismaClient, jobs: BatchJob<{ callbackLogId: string }>[], subjectOf: (token: string) => string | null,
): Promise<string[][]> {
  const ids = [...new Set(jobs.map((job) => job.data.callbackLogId))];
  const rows = await db.$queryRaw<CallbackSubjectRow[]>`
    SELECT id, token, received_at AS "receivedAt" FROM callback_logs WHERE id = ANY(${ids}::bigint[])`;
  const rowOf = new Map(rows.map((row) => [String(row.id), row]));
  const bySubject = new Map<string, { jobId: string; row: CallbackSubjectRow }[]>();
  const alone: string[][] = [];
  for (const job of jobs) {
    const row = rowOf.get(job.data.callbackLogId);
    const subject = row ? subjectOf(row.token) : null;
    if (!row || subject === null) {
      alone.push([job.id]);
      continue;
    }
    const lane = bySubject.get(subject) ?? [];
    lane.push({ jobId: job.id, row });
    bySubject.set(subject, lane);
  }
  // By arrival, then by row: a callback drained from the spool keeps its arrival time but gets its
  // row id at the drain, after callbacks that came later. Array.prototype.sort is stable: two jobs
  // of one row keep the batch's order (the second finds it done).
  const arrival = (a: { row: CallbackSubjectRow }, b: { row: CallbackSubjectRow }) =>
    a.row.receivedAt.getTime() - b.row.receivedAt.getTime() || (a.row.id < b.row.id ? -1 : a.row.id > b.row.id ? 1 : 0);
  return [...[...bySubject.values()].map((lane) => lane.sort(arrival).map((entry) => entry.jobId)), ...alone];
}
