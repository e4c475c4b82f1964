import type { DashboardMode } from "@/lib/dashboard/mode";
import { addEatDays, eatDateOf, isCalendarDate } from "@/lib/time/eat";

/**
 * The screen's filters from the URL, forgiving: anything unreadable falls back to its default
 * (the last 14 EAT days, all accounts, the dashboard's mode) instead of failing the page.
 */
export const LINE_STATUSES = ["unattached", "mismatched", "unknown_reversal", "missing", "matched", "filled", "healed", "refund", "pending", "disagreement"] as const;
export type LineStatusFilter = (typeof LINE_STATUSES)[number];

export interface ReconciliationSearch {
  mode: DashboardMode;
  from: string;
  to: string;
  accountId: string | null;
  /** One EAT day within the range (a count's link), or null for the whole range. */
  day: string | null;
  status: LineStatusFilter | null;
}

const MAX_DAYS = 92;
type Params = URLSearchParams | Record<string, string | string[] | undefined>;
const one = (params: Params, name: string): string | null => {
  const value = params instanceof URLSearchParams ? params.get(name) : params[name];
  return typeof value === "string" && value !== "" ? value : null;
};

export function parseReconciliationSearch(params: Params, { now, dashboardMode }: { now: Date; dashboardMode: DashboardMode }): ReconciliationSearch {
  const modeParam = one(params, "mode");
  const mode: DashboardMode = modeParam === "test" || modeParam === "live" ? modeParam : dashboardMode;
  const today = eatDateOf(now);
  const date = (name: string) => {
    const v = one(params, name);
    return v && isCalendarDate(v) ? v : null;
  };
  let to = date("to") ?? today;
  let from = date("from") ?? addEatDays(to, -13);
  if (from > to) [from, to] = [to, from];
  if (from < addEatDays(to, -(MAX_DAYS - 1))) from = addEatDays(to, -(MAX_DAYS - 1));
  const account = one(params, "account");
  const day = date("day");
  const status = one(params, "status");
  return {
    mode, from, to, accountId: account && /^[A-Za-z0-9_]{1,64}$/.test(account) ? account : null,
    day: day && day >= from && day <= to ? day : null,
    status: (LINE_STATUSES as readonly string[]).includes(status ?? "") ? (status as LineStatusFilter) : null,
  };
}

/** The query string for the same filters with some changed (links keep the rest). */
export function reconciliationQuery(search: ReconciliationSearch, change: Partial<ReconciliationSearch> = {}): string {
  const s = { ...search, ...change };
  const q = new URLSearchParams({ mode: s.mode, from: s.from, to: s.to });
  if (s.accountId) q.set("account", s.accountId);
  if (s.day) q.set("day", s.day);
  if (s.status) q.set("status", s.status);
  return q.toString();
}
