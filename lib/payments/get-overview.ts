import type { Db } from "@/lib/db/client";
import type { PaymentStatus } from "@/lib/generated/prisma/client";
import { addEatDays, eatDateOf } from "@/lib/time/eat";
import { foldPaymentDailyTotals } from "@/lib/payments/fold-payment-daily-totals";
import { isFinalStatus } from "@/lib/payments/state";
import { dbModeOf, type PublicMode } from "@/lib/payments/public-payment";

/** Succeeded amounts per ISO 4217 currency, each in its own minor unit: never added across currencies. */
export type Volumes = Record<string, number>;

export interface DayFigures {
  /** EAT calendar day, "YYYY-MM-DD". */
  day: string;
  count: number;
  succeeded: number;
  /** Payments that reached a final state (succeeded, failed, cancelled, expired): the rate's base. */
  finished: number;
  /** What succeeded payments brought in, per currency. */
  volume: Volumes;
}

export interface PeriodFigures extends Omit<DayFigures, "day"> {
  key: "today" | "7d" | "30d";
  label: string;
}

const DAYS = 30;
const PERIODS = [
  { key: "today", label: "Today", days: 1 },
  { key: "7d", label: "Last 7 days", days: 7 },
  { key: "30d", label: "Last 30 days", days: 30 },
] as const;

/**
 * The overview's figures over the last 30 EAT calendar days of one mode: totals for today / 7 / 30
 * days, a daily series for the charts, and breakdowns by status and by M-Pesa result code. Money is
 * kept per currency (the rollup's key has it): KES and TZS are two totals, never one. Read from
 * the daily rollup (payment_daily_totals plus the changes not folded in yet, in one statement, so one
 * snapshot): a few hundred rows whatever the number of payments, and exact, today included. Folding
 * first keeps the changes short; it is skipped when another fold is running.
 */
export interface OverviewOptions {
  mode: PublicMode;
  /** The result codes' words, from the rail that sent them (the core knows no provider's codes). */
  describeResultCode: (code: string) => string;
  now?: Date;
}

export async function getOverview(db: Db, { mode, describeResultCode, now = new Date() }: OverviewOptions) {
  const today = eatDateOf(now);
  const firstDay = addEatDays(today, -(DAYS - 1));
  await foldPaymentDailyTotals(db);
  const rows = await db.$queryRaw<{ day: string; status: PaymentStatus; code: string; currency: string; count: number; amount: string }[]>`
    SELECT to_char(day, 'YYYY-MM-DD') AS day, status::text AS status, result_code AS code, currency,
           sum(payments)::int AS count, sum(amount)::text AS amount
      FROM (SELECT day, status, result_code, currency, payments, amount FROM payment_daily_totals
             WHERE mode = ${dbModeOf(mode)}::"Mode" AND day >= ${firstDay}::date
            UNION ALL
            SELECT day, status, result_code, currency, payments, amount FROM payment_daily_total_changes
             WHERE mode = ${dbModeOf(mode)}::"Mode" AND day >= ${firstDay}::date) totals
     GROUP BY day, status, result_code, currency
    HAVING sum(payments) <> 0`;
  const byDay = new Map<string, DayFigures>();
  const statusCounts = new Map<string, number>();
  const codeCounts = new Map<string, number>();
  for (const r of rows) {
    const d = byDay.get(r.day) ?? { day: r.day, count: 0, succeeded: 0, finished: 0, volume: {} };
    d.count += r.count;
    if (r.status === "SUCCEEDED") {
      d.succeeded += r.count;
      d.volume = addVolumes(d.volume, { [r.currency]: Number(r.amount) });
    }
    if (isFinalStatus(r.status)) d.finished += r.count;
    byDay.set(r.day, d);
    statusCounts.set(r.status, (statusCounts.get(r.status) ?? 0) + r.count);
    if (r.code !== "") codeCounts.set(r.code, (codeCounts.get(r.code) ?? 0) + r.count);
  }
  const daily: DayFigures[] = Array.from({ length: DAYS }, (_, i) => {
    const day = addEatDays(firstDay, i);
    return byDay.get(day) ?? { day, count: 0, succeeded: 0, finished: 0, volume: {} };
  });
  // Every currency money came in within the window, for one chart each (KES first, then by code).
  const currencies = [...new Set(daily.flatMap((d) => Object.keys(d.volume)))].sort((a, b) => (a === "KES" ? -1 : b === "KES" ? 1 : a < b ? -1 : 1));
  const periods: PeriodFigures[] = PERIODS.map((p) => ({ key: p.key, label: p.label, ...sum(daily.slice(-p.days)) }));
  const byStatus = largestFirst(statusCounts).map(([status, count]) => ({ status, count }));
  const byResultCode = largestFirst(codeCounts).map(([code, count]) => ({
    code,
    count,
    label: describeResultCode(code),
  }));
  return { today, daily, periods, currencies, byStatus, byResultCode };
}

export type Overview = Awaited<ReturnType<typeof getOverview>>;

function sum(days: DayFigures[]): Omit<DayFigures, "day"> {
  return days.reduce<Omit<DayFigures, "day">>(
    (a, d) => ({ count: a.count + d.count, succeeded: a.succeeded + d.succeeded, finished: a.finished + d.finished, volume: addVolumes(a.volume, d.volume) }),
    { count: 0, succeeded: 0, finished: 0, volume: {} },
  );
}

/** Adds amounts currency by currency; a currency whose total is zero is left out. */
export function addVolumes(a: Volumes, b: Volumes): Volumes {
  const out: Volumes = { ...a };
  for (const [currency, amount] of Object.entries(b)) out[currency] = (out[currency] ?? 0) + amount;
  for (const [currency, amount] of Object.entries(out)) if (amount === 0) delete out[currency];
  return out;
}

/** Most first; ties in a fixed order (by key), so the breakdowns do not reshuffle between views. */
function largestFirst(counts: Map<string, number>): [string, number][] {
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}
