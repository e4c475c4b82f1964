import { DARAJA_RAIL } from "@/lib/collection-accounts/daraja-account-settings";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { pullAccount, type PullAccountOptions, type PullAccountResult } from "@/lib/ledger/pull/pull-account";

export interface LedgerPullSummary {
  accounts: number;
  complete: number;
  failed: number;
  split: number;
  skipped: number;
  gaps: number;
}

/**
 * One pass of the ledger pull over every registered, enabled Daraja account, one after another (each
 * is rate-limited on its own shortcode anyway). An account another worker is pulling is skipped: its
 * lease holder does it. An account's failure never stops the others.
 */
export async function runLedgerPull(db: PrismaClient, options: PullAccountOptions): Promise<LedgerPullSummary> {
  const accounts = await db.collectionAccount.findMany({
    where: { rail: DARAJA_RAIL, disabled: false, pullRegisteredAt: { not: null } }, select: { id: true }, orderBy: { id: "asc" },
  });
  const summary: LedgerPullSummary = { accounts: accounts.length, complete: 0, failed: 0, split: 0, skipped: 0, gaps: 0 };
  for (const { id } of accounts) {
    if (options.signal?.aborted) break;
    let result: PullAccountResult;
    try {
      result = await pullAccount(db, id, options);
    } catch (error) {
      options.logger.error({ err: error, collectionAccountId: id }, "ledger pull of an account failed");
      summary.failed++;
      continue;
    }
    if (result.kind === "skipped") {
      summary.skipped++;
      continue;
    }
    for (const outcome of result.windows) summary[outcome]++;
    summary.gaps += result.gaps;
  }
  return summary;
}
