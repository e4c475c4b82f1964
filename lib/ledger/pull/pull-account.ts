import { darajaConfigForAccount } from "@/lib/collection-accounts/daraja-config-for-account";
import type { Env } from "@/lib/env";
import type { CollectionAccount, PrismaClient } from "@/lib/generated/prisma/client";
import { askPullWindow, type AskPullWindowOutcome } from "@/lib/ledger/pull/ask-pull-window";
import { recordPullGap, refreshPullGapAlert } from "@/lib/ledger/pull/pull-gaps";
import { pullRateGate } from "@/lib/ledger/pull/pull-rate-gate";
import { newWindowDue, planNextWindow, reachableWindow } from "@/lib/ledger/pull/pull-schedule";
import type { Logger } from "@/lib/logger";
import { createDarajaApi, type DarajaApiDeps } from "@/lib/rails/daraja/daraja-api";

export interface PullAccountOptions {
  env: Env;
  /** The business clock windows are planned by (tests inject it); rate slots are real time. */
  now: () => Date;
  logger: Logger;
  signal?: AbortSignal;
  /** For tests: a fetch that counts requests or fails. */
  darajaDeps?: Pick<DarajaApiDeps, "fetch">;
  /** Windows asked again per run at most, oldest first. */
  maxRetriesPerRun?: number;
  maxPages?: number;
}

export type PullAccountResult =
  | { kind: "skipped"; reason: "leased" | "not_registered" | "not_configured" }
  | { kind: "pulled"; windows: AskPullWindowOutcome[]; gaps: number };

/** Long enough for a window of many pages; renewed before every page. */
const LEASE_MS = 5 * 60 * 1000;

/**
 * One registered account's pull: first every window that failed and is due again (the same
 * stretch, oldest first: no gap), then the next window when the interval has passed. Two workers
 * never pull one account at once: the account's lease is taken with a conditional update and
 * renewed before every page; a worker that dies leaves it to expire.
 */
export async function pullAccount(db: PrismaClient, accountId: string, options: PullAccountOptions): Promise<PullAccountResult> {
  const { env, now, logger } = options;
  const claimed = await db.$queryRaw<{ id: string }[]>`
    UPDATE collection_accounts SET pull_lease_until = ${new Date(now().getTime() + LEASE_MS)}
     WHERE id = ${accountId} AND pull_registered_at IS NOT NULL AND NOT disabled
       AND (pull_lease_until IS NULL OR pull_lease_until <= ${now()})
    RETURNING id`;
  if (claimed.length === 0) {
    const registered = await db.collectionAccount.count({ where: { id: accountId, pullRegisteredAt: { not: null }, disabled: false } });
    return { kind: "skipped", reason: registered ? "leased" : "not_registered" };
  }
  try {
    const account = await db.collectionAccount.findUniqueOrThrow({ where: { id: accountId } });
    const config = darajaConfigForAccount(env, account);
    if (!config) return { kind: "skipped", reason: "not_configured" };
    const api = createDarajaApi(config, { now, logger, ...options.darajaDeps });
    const gate = pullRateGate(db, { shortcode: config.shortcode, ratePerSecond: env.payments.queryRatePerSecond, signal: options.signal });
    const ctx = {
      db, api, account, shortcode: config.tillNumber ?? config.shortcode, now, logger, maxPages: options.maxPages,
      beforeRequest: async () => {
        await renewLease(db, accountId, now());
        await gate();
      },
    };
    const windows: AskPullWindowOutcome[] = [];
    for (const window of await dueWindows(db, account, now(), options.maxRetriesPerRun ?? 10)) {
      if (options.signal?.aborted) break;
      const reach = reachableWindow({ start: window.fromTime, end: window.toTime }, now());
      if (reach.kind === "unreachable") {
        await recordPullGap(db, account, { start: window.fromTime, end: window.toTime }, now(), window.id);
        continue;
      }
      if (reach.kind === "clipped") {
        await recordPullGap(db, account, reach.lost, now());
        window.fromTime = reach.window.start;
        await db.ledgerPullWindow.update({ where: { id: window.id }, data: { fromTime: window.fromTime } });
      }
      windows.push(await askPullWindow(ctx, window));
    }
    const newest = await db.ledgerPullWindow.findFirst({ where: { collectionAccountId: accountId }, orderBy: { toTime: "desc" }, select: { toTime: true } });
    const t = now();
    if (!options.signal?.aborted && newWindowDue({ now: t, newestEnd: newest?.toTime ?? null, intervalMs: env.ledgerPull.intervalMinutes * 60_000 })) {
      const next = planNextWindow({ now: t, newestEnd: newest?.toTime ?? null, overlapMs: env.ledgerPull.overlapMinutes * 60_000 });
      if (next.gap) await recordPullGap(db, account, next.gap, t);
      const window = await db.ledgerPullWindow.create({ data: { collectionAccountId: accountId, fromTime: next.window.start, toTime: next.window.end, nextAttemptAt: t, createdAt: t } });
      windows.push(await askPullWindow(ctx, window));
    }
    const gaps = await refreshPullGapAlert(db, account, now());
    return { kind: "pulled", windows, gaps };
  } finally {
    await db.$executeRaw`UPDATE collection_accounts SET pull_lease_until = NULL WHERE id = ${accountId}`.catch((error: unknown) => logger.warn({ err: error, collectionAccountId: accountId }, "could not release the pull lease"));
  }
}

/** Failed (or interrupted) windows due again, oldest stretch first. */
function dueWindows(db: PrismaClient, account: Pick<CollectionAccount, "id">, now: Date, limit: number) {
  return db.ledgerPullWindow.findMany({
    where: { collectionAccountId: account.id, status: { in: ["FAILED", "PENDING"] }, nextAttemptAt: { lte: now } },
    orderBy: { fromTime: "asc" }, take: limit,
  });
}

// Raw SQL: the lease is not an edit of the account, so its updated_at (which keys cached Daraja clients) stays.
async function renewLease(db: PrismaClient, accountId: string, now: Date): Promise<void> {
  await db.$executeRaw`UPDATE collection_accounts SET pull_lease_until = ${new Date(now.getTime() + LEASE_MS)} WHERE id = ${accountId}`;
}
