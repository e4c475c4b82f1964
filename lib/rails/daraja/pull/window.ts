import type { DarajaApi } from "../daraja-api";
import type { DarajaError } from "../errors";
import { PULL_MAX_WINDOW_MS, queryPullTransactions } from "./query";
import type { PullTransaction } from "./response";

/**
 * A whole Pull Transactions window: every page, de-duplicated by receipt. OffSetValue is a row
 * offset in the parameter table and "like the page number" in the FAQ, and the page size is not
 * documented, so both readings are supported and the walk stops on an empty page, on 1001, at
 * TotalPages when it is sent, or when a page brings no new receipt (a server ignoring the offset).
 * A window with any failed page is `failed` as a whole: ask the same window again, never skip it.
 */
export type PullOffsetMode = "rows" | "pages";

export interface PullWindowInput {
  shortCode: string;
  start: Date;
  end: Date;
  offsetMode?: PullOffsetMode;
  /** Safety stop; integrators cap a window at 50 pages. */
  maxPages?: number;
  /** Awaited before every page: the caller's shared rate limit. */
  beforeRequest?: () => Promise<void>;
}

export type PullWindowResult =
  | { kind: "complete"; transactions: PullTransaction[]; pages: number; unreadableRows: number; truncated: boolean }
  | { kind: "failed"; error: DarajaError; pages: number };

export async function pullTransactionsWindow(api: DarajaApi, input: PullWindowInput): Promise<PullWindowResult> {
  const mode = input.offsetMode ?? "rows";
  const maxPages = input.maxPages ?? 50;
  const byReceipt = new Map<string, PullTransaction>();
  const done = (pages: number, truncated: boolean): PullWindowResult =>
    ({ kind: "complete", transactions: [...byReceipt.values()], pages, unreadableRows, truncated });
  let offset = 0;
  let unreadableRows = 0;
  for (let pages = 1; ; pages++) {
    if (pages > maxPages) return done(maxPages, true);
    await input.beforeRequest?.();
    const page = await queryPullTransactions(api, { shortCode: input.shortCode, start: input.start, end: input.end, offset });
    if (page.kind === "error") return { kind: "failed", error: page.error, pages };
    if (page.kind === "none" || page.rowCount === 0) return done(pages, false);
    const before = byReceipt.size;
    for (const t of page.transactions) byReceipt.set(t.receipt, t);
    unreadableRows += page.unreadable.length;
    const lastPage = page.totalPages !== null && mode === "pages" && offset + 1 >= page.totalPages;
    // A page of nothing but unreadable rows says nothing about the offset: go on to the next.
    if (lastPage || (page.transactions.length > 0 && byReceipt.size === before)) return done(pages, false);
    offset += mode === "rows" ? page.rowCount : 1;
  }
}

export interface PullWindowPlan {
  start: Date;
  end: Date;
  /** Set when part of the wanted stretch is older than Pull can reach: what lies before this instant needs a statement import. */
  gapBefore: Date | null;
}

/**
 * The next sliding window: from `overlapMs` before where the last complete window ended (so lines
 * M-Pesa lists late are caught on the next pass), to now, never reaching further back than
 * Pull allows (48 h, less a safety margin). With no earlier window it looks back `firstLookbackMs`.
 */
export function planPullWindow(input: {
  now: Date;
  pulledUntil: Date | null;
  overlapMs?: number;
  firstLookbackMs?: number;
  safetyMarginMs?: number;
}): PullWindowPlan {
  const overlap = input.overlapMs ?? 60 * 60 * 1000;
  const lookback = input.firstLookbackMs ?? 2 * 60 * 60 * 1000;
  const margin = input.safetyMarginMs ?? 10 * 60 * 1000;
  const end = input.now.getTime();
  const earliest = end - PULL_MAX_WINDOW_MS + margin;
  const wanted = input.pulledUntil ? input.pulledUntil.getTime() - overlap : end - lookback;
  const start = Math.min(Math.max(wanted, earliest), end - 1000);
  return { start: new Date(start), end: new Date(end), gapBefore: wanted < earliest ? new Date(earliest) : null };
}
