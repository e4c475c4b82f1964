import { raiseOperatorAlert, resolveOperatorAlert } from "@/lib/operator-alerts/operator-alerts";
import type { Db } from "@/lib/db/client";
import type { CollectionAccount } from "@/lib/generated/prisma/client";
import type { Stretch } from "@/lib/ledger/pull/pull-schedule";
import { formatEat } from "@/lib/time/eat";

/**
 * Stretches Pull can no longer answer (older than its 48 hours before they could be asked: the
 * worker was down, or Daraja failed for two days). Each is kept as an UNREACHABLE window and raised
 * as an operator alert per account, naming the oldest uncovered stretch; a stretch some complete
 * source covers after all (an overlapping pull window, a statement import) no longer counts, and
 * when none is left the alert resolves. Nothing is skipped silently.
 */
export const LEDGER_PULL_GAP_KIND = "ledger_pull_gap";

export function pullGapAlertKey(accountId: string): string {
  return `${LEDGER_PULL_GAP_KIND}:${accountId}`;
}

/** Records a lost stretch; `windowId` names an existing window that became unreachable, else a new row is written. */
export async function recordPullGap(db: Db, account: Pick<CollectionAccount, "id">, stretch: Stretch, now: Date, windowId?: bigint): Promise<void> {
  if (windowId !== undefined) {
    await db.ledgerPullWindow.update({ where: { id: windowId }, data: { status: "UNREACHABLE", fromTime: stretch.start, toTime: stretch.end, error: "older than Pull Transactions can reach (48 h)" } });
  } else {
    await db.ledgerPullWindow.create({
      data: { collectionAccountId: account.id, fromTime: stretch.start, toTime: stretch.end, status: "UNREACHABLE", nextAttemptAt: now, createdAt: now, error: "older than Pull Transactions can reach (48 h)" },
    });
  }
}

/** Raises or resolves the account's gap alert from its unreachable windows that no complete source covers. */
export async function refreshPullGapAlert(db: Db, account: Pick<CollectionAccount, "id" | "name" | "mode">, now: Date): Promise<number> {
  const uncovered = await db.$queryRaw<{ from_time: Date; to_time: Date }[]>`
    SELECT w.from_time, w.to_time FROM ledger_pull_windows w
     WHERE w.collection_account_id = ${account.id} AND w.status = 'UNREACHABLE'
       AND NOT EXISTS (SELECT 1 FROM ledger_coverage c WHERE c.collection_account_id = w.collection_account_id
                        AND c.from_time <= w.from_time AND c.to_time >= w.to_time)
     ORDER BY w.from_time`;
  const key = pullGapAlertKey(account.id);
  if (uncovered.length === 0) {
    await resolveOperatorAlert(db, { key, now });
    return 0;
  }
  const first = uncovered[0]!;
  await raiseOperatorAlert(db, {
    key, kind: LEDGER_PULL_GAP_KIND, mode: account.mode, now,
    message: `Pull Transactions could not read ${uncovered.length === 1 ? "a stretch" : `${uncovered.length} stretches`} of ${account.name} (${account.id}) before they fell out of its 48-hour reach, `
      + `the first ${formatEat(first.from_time)} to ${formatEat(first.to_time)} EAT. Import the M-Pesa statement for ${uncovered.length === 1 ? "it" : "them"} to close the gap.`,
  });
  return uncovered.length;
}
