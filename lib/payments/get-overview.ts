import type { Db } from "@/lib/db/client";
import { addEatDays, eatDateOf, eatDayStart } from "@/lib/time/eat";
import { dbModeOf, type PublicMode } from "@/lib/payments/public-payment";
import { FINAL_STATUSES } from "@/lib/payments/state";
import { statusInSql } from "@/lib/payments/status-sql";
import { RESULT_CODES } from "@/lib/mpesa/result-codes";

export interface DayFigures {
  /** EAT calendar day, "YYYY-MM-DD". */
  day: string;
  count: number;
  succeeded: number;
  /** Payments that reached a final state (succeeded, failed, cancelled, expired): the rate's base. */
  finished: number;
  /** KES of succeeded payments. */
  volume: number;
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
 * days, a daily series for the charts, and breakdowns by status and by M-Pesa result code.
 * Three grouped queries over the (mode, created_at) index, whatever the table's size.
 */
export async function getOverview(db: Db, { mode, now = new Date() }: { mode: PublicMode; now?: Date }) {
  const today = eatDateOf(now);
  const firstDay = addEatDays(today, -(DAYS - 1));
  const since = eatDayStart(firstDay);
  const m = dbModeOf(mode);
  const [dailyRows, statusRows, codeRows] = await Promise.all([
    db.$queryRaw<{ day: string; count: number; succeeded: number; finished: number; volume: string }[]>`
      SELECT to_char((created_at AT TIME ZONE 'Africa/Nairobi')::date, 'YYYY-MM-DD') AS day,
             count(*)::int AS count,
             (count(*) FILTER (WHERE status = 'SUCCEEDED'))::int AS succeeded,
             (count(*) FILTER (WHERE ${statusInSql(FINAL_STATUSES)}))::int AS finished,
             COALESCE(sum(amount) FILTER (WHERE status = 'SUCCEEDED'), 0)::text AS volume
        FROM payments WHERE mode = ${m}::"Mode" AND created_at >= ${since}
       GROUP BY 1`,
    db.$queryRaw<{ status: string; count: number }[]>`
      SELECT status::text AS status, count(*)::int AS count FROM payments
       WHERE mode = ${m}::"Mode" AND created_at >= ${since} GROUP BY 1 ORDER BY 2 DESC`,
    db.$queryRaw<{ code: string; count: number }[]>`
      SELECT result_code AS code, count(*)::int AS count FROM payments
       WHERE mode = ${m}::"Mode" AND created_at >= ${since} AND result_code IS NOT NULL GROUP BY 1 ORDER BY 2 DESC`,
  ]);
  const byDay = new Map(dailyRows.map((r) => [r.day, { ...r, volume: Number(r.volume) }]));
  const daily: DayFigures[] = Array.from({ length: DAYS }, (_, i) => {
    const day = addEatDays(firstDay, i);
    const r = byDay.get(day);
    return { day, count: r?.count ?? 0, succeeded: r?.succeeded ?? 0, finished: r?.finished ?? 0, volume: r?.volume ?? 0 };
  });
  const periods: PeriodFigures[] = PERIODS.map((p) => ({ key: p.key, label: p.label, ...sum(daily.slice(-p.days)) }));
  const byResultCode = codeRows.map((r) => ({
    code: r.code,
    count: r.count,
    label: Object.hasOwn(RESULT_CODES, r.code) ? RESULT_CODES[r.code]!.reason : `Unrecognised code ${r.code}`,
  }));
  return { today, daily, periods, byStatus: statusRows, byResultCode };
}

export type Overview = Awaited<ReturnType<typeof getOverview>>;

function sum(days: DayFigures[]): Omit<DayFigures, "day"> {
  return days.reduce((a, d) => ({ count: a.count + d.count, succeeded: a.succeeded + d.succeeded, finished: a.finished + d.finished, volume: a.volume + d.volume }), { count: 0, succeeded: 0, finished: 0, volume: 0 });
}
