import { receiptOrder } from "@/lib/ledger/receipt-order";
import type { CollectionAccount, LedgerPullWindow, PrismaClient } from "@/lib/generated/prisma/client";
import { recordLedgerLine } from "@/lib/ledger/record-ledger-line";
import type { Logger } from "@/lib/logger";
import { getProcessMetrics } from "@/lib/metrics/process-metrics";
import type { DarajaApi } from "@/lib/rails/daraja/daraja-api";
import { ledgerLineFromPull } from "@/lib/rails/daraja/ledger-line";
import { pullTransactionsWindow } from "@/lib/rails/daraja/pull/window";
import { retryDelayMs, splitWindow } from "@/lib/ledger/pull/pull-schedule";

export interface AskPullWindowContext {
  db: PrismaClient;
  api: DarajaApi;
  account: Pick<CollectionAccount, "id" | "mode" | "currency">;
  /** The shortcode Pull is asked about and the lines are on (the till for a till account). */
  shortcode: string;
  now: () => Date;
  logger: Logger;
  /** Awaited before every page: the shared Daraja rate limit, and the account's lease renewal. */
  beforeRequest: () => Promise<void>;
  maxPages?: number;
}

export type AskPullWindowOutcome = "complete" | "failed" | "split";

// A big window's lines are recorded in one transaction: give it room.
const RECORD_TRANSACTION = { maxWait: 10_000, timeout: 120_000 };

/**
 * Asks one window of Pull Transactions, every page, and keeps what came back. Complete: every line
 * goes through recordLedgerLine (source `pull`, left PENDING for matching) and the window's stretch
 * into ledger_coverage, in one transaction with the window's own COMPLETE, so a crash leaves the
 * window to be asked again and never a half-recorded one. Failed: the window keeps its stretch and
 * is due again after a backoff. Before asking, the attempt is counted and its next time set, so a
 * worker dying mid-walk leaves the window due again too.
 */
export async function askPullWindow(ctx: AskPullWindowContext, window: LedgerPullWindow): Promise<AskPullWindowOutcome> {
  const { db, logger } = ctx;
  const attempts = window.attempts + 1;
  const startedAt = ctx.now();
  await db.ledgerPullWindow.update({
    where: { id: window.id },
    data: { status: window.status === "FAILED" ? "FAILED" : "PENDING", attempts, lastAttemptAt: startedAt, nextAttemptAt: new Date(startedAt.getTime() + retryDelayMs(attempts)) },
  });
  let result: Awaited<ReturnType<typeof pullTransactionsWindow>>;
  try {
    result = await pullTransactionsWindow(ctx.api, { shortCode: ctx.shortcode, start: window.fromTime, end: window.toTime, beforeRequest: ctx.beforeRequest, maxPages: ctx.maxPages });
  } catch (error) {
    // The rate gate or the lease gave up: as good as a failed page.
    return fail(ctx, window, attempts, error instanceof Error ? error.message : String(error), 0);
  }
  if (result.kind === "failed") return fail(ctx, window, attempts, result.error.message, result.pages);

  const now = ctx.now();
  const halves = result.truncated ? splitWindow({ start: window.fromTime, end: window.toTime }) : null;
  let newLines = 0;
  await db.$transaction(async (tx) => {
    // In receipt order, as every batch writer of ledger lines goes (statement imports too), so two
    // batches that share receipts queue on each other instead of deadlocking.
    for (const transaction of byReceipt(result.transactions)) {
      const line = ledgerLineFromPull(transaction, ctx.shortcode);
      const recorded = await recordLedgerLine(tx, { collectionAccountId: ctx.account.id, mode: ctx.account.mode, currency: ctx.account.currency, line }, now);
      if (recorded.created) newLines++;
    }
    const counts = { pages: result.pages, lines: result.transactions.length, newLines, unreadableRows: result.unreadableRows, lastAttemptAt: now };
    if (halves) {
      // More pages than a window may take: what was read is kept, and the stretch asked again in two halves.
      await tx.ledgerPullWindow.update({ where: { id: window.id }, data: { ...counts, status: "PENDING", attempts: 0, toTime: halves[0].end, nextAttemptAt: now, error: `more than ${result.pages} pages: asked again in halves` } });
      await tx.ledgerPullWindow.create({ data: { collectionAccountId: ctx.account.id, fromTime: halves[1].start, toTime: halves[1].end, nextAttemptAt: now, createdAt: now } });
      return;
    }
    await tx.ledgerPullWindow.update({ where: { id: window.id }, data: { ...counts, status: "COMPLETE", error: null, completedAt: now } });
    await tx.ledgerCoverage.create({ data: { collectionAccountId: ctx.account.id, source: "pull", fromTime: window.fromTime, toTime: window.toTime, reference: String(window.id), createdAt: now } });
  }, RECORD_TRANSACTION);
  logger.info({ collectionAccountId: ctx.account.id, windowId: String(window.id), pages: result.pages, lines: result.transactions.length, newLines, attempts }, halves ? "pull window split" : "pull window complete");
  getProcessMetrics().ledgerPullWindows.inc({ outcome: halves ? "split" : "complete" });
  return halves ? "split" : "complete";
}

async function fail(ctx: AskPullWindowContext, window: LedgerPullWindow, attempts: number, message: string, pages: number): Promise<"failed"> {
  const now = ctx.now();
  const nextAttemptAt = new Date(now.getTime() + retryDelayMs(attempts));
  await ctx.db.ledgerPullWindow.update({ where: { id: window.id }, data: { status: "FAILED", error: message.slice(0, 500), pages, nextAttemptAt, lastAttemptAt: now } });
  getProcessMetrics().ledgerPullWindows.inc({ outcome: "failed" });
  ctx.logger.warn({ collectionAccountId: ctx.account.id, windowId: String(window.id), attempts, nextAttemptAt: nextAttemptAt.toISOString(), error: message }, "pull window failed; asked again later");
  return "failed";
}

function byReceipt<T extends { receipt: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => receiptOrder(a.receipt, b.receipt));
}
