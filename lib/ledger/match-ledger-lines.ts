import type { Db } from "@/lib/db/client";
import type { LedgerMatchStatus } from "@/lib/generated/prisma/client";
import { matchLedgerLine } from "@/lib/ledger/match-ledger-line";

export interface MatchLedgerLinesOptions {
  /** Lines taken per run; the rest wait for the next. */
  limit?: number;
  now?: () => Date;
}

/**
 * One matching run: the oldest PENDING lines, each matched in its own transaction
 * (match-ledger-line.ts), so one line's fault never undoes another's outcome. Several runs at once
 * are safe: each line is locked with SKIP LOCKED and must still be PENDING. Counts by outcome.
 */
export async function matchLedgerLines(db: Db, { limit = 200, now = () => new Date() }: MatchLedgerLinesOptions = {}): Promise<Partial<Record<LedgerMatchStatus, number>>> {
  const pending = await db.$queryRaw<{ id: bigint }[]>`
    SELECT id FROM ledger_lines WHERE match_status = 'PENDING' ORDER BY last_seen_at, id LIMIT ${limit}`;
  const counts: Partial<Record<LedgerMatchStatus, number>> = {};
  for (const { id } of pending) {
    const matched = await matchLedgerLine(db, { lineId: id, now: now() });
    if (matched) counts[matched.status] = (counts[matched.status] ?? 0) + 1;
  }
  return counts;
}
