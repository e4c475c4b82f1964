import type { Db } from "@/lib/db/client";

/** Pull Transactions as an account's card shows it. */
export interface PullStateView {
  lastComplete: { fromTime: Date; toTime: Date; completedAt: Date | null; lines: number; newLines: number } | null;
  /** Windows that failed and will be asked again, oldest first. */
  failing: { id: string; fromTime: Date; toTime: Date; attempts: number; error: string | null; nextAttemptAt: Date }[];
  /** Stretches Pull can no longer reach (an operator alert names them). */
  unreachable: number;
}

const MAX_FAILING_SHOWN = 5;

/** The pull state of each named account: two small indexed queries per account, for an admin page. */
export async function findPullStates(db: Db, accountIds: string[]): Promise<Map<string, PullStateView>> {
  const states = new Map<string, PullStateView>();
  await Promise.all(accountIds.map(async (collectionAccountId) => {
    const [lastComplete, failing, unreachable] = await Promise.all([
      db.ledgerPullWindow.findFirst({ where: { collectionAccountId, status: "COMPLETE" }, orderBy: { toTime: "desc" }, select: { fromTime: true, toTime: true, completedAt: true, lines: true, newLines: true } }),
      db.ledgerPullWindow.findMany({ where: { collectionAccountId, status: "FAILED" }, orderBy: { fromTime: "asc" }, take: MAX_FAILING_SHOWN,
        select: { id: true, fromTime: true, toTime: true, attempts: true, error: true, nextAttemptAt: true } }),
      db.ledgerPullWindow.count({ where: { collectionAccountId, status: "UNREACHABLE" } }),
    ]);
    states.set(collectionAccountId, { lastComplete, failing: failing.map((w) => ({ ...w, id: String(w.id) })), unreachable });
  }));
  return states;
}
