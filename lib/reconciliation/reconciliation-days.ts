import type { Db } from "@/lib/db/client";
import { Prisma, type Mode } from "@/lib/generated/prisma/client";
import { KES_MINOR_PER_MAJOR } from "@/lib/rails/daraja/money";
import { addEatDays, eatDayStart } from "@/lib/time/eat";

/**
 * The reconciliation screen's figures: per EAT day, collection account and currency, what Malipo
 * holds as succeeded against what M-Pesa's ledger says came in, what the ledger shows given back
 * (refunds and unknown reversals, apart: money out never nets against money in), and how matching
 * judged the ledger's lines. Two grouped queries (payments, ledger lines), whatever the number of days or
 * accounts; amounts are summed in PostgreSQL, never across currencies. Payments count whole
 * shillings and the ledger hundredths (statements carry cents): Malipo's side is scaled to the
 * ledger's minor unit.
 */
export interface ReconciliationFilter {
  mode: Mode;
  /** EAT calendar days "YYYY-MM-DD", both included. */
  from: string;
  to: string;
  accountId?: string | null;
}

export interface ReconciliationDay {
  day: string;
  collectionAccountId: string;
  currency: string;
  malipoMinor: number;
  malipoCount: number;
  ledgerInMinor: number;
  ledgerInCount: number;
  /** ledgerInMinor − malipoMinor: positive when M-Pesa has money Malipo does not. */
  differenceMinor: number;
  /** Money given back to customers, apart from money in: refunds' lines and unknown reversals (ledger minor units). */
  refundsOutMinor: number;
  refundsOutCount: number;
  matched: number;
  filled: number;
  healed: number;
  unattached: number;
  mismatched: number;
  /** Lines of Malipo refunds (reversals, B2C payouts). */
  refunds: number;
  /** Reversals no Malipo refund accounts for (made on the org portal): exceptions. */
  unknownReversals: number;
  /** Lines not matched yet. */
  pending: number;
  /** Succeeded payments the ledger check found absent from a covered ledger. */
  missing: number;
  /** Nothing to look at: the totals agree and no line or payment is an exception. */
  clean: boolean;
}

export const EXCEPTION_STATUSES = ["unattached", "mismatched", "unknown_reversal", "missing"] as const;

const key = (day: string, account: string, currency: string) => `${day}|${account}|${currency}`;

export function reconciliationBounds(filter: Pick<ReconciliationFilter, "from" | "to">): { start: Date; end: Date } {
  return { start: eatDayStart(filter.from), end: eatDayStart(addEatDays(filter.to, 1)) };
}

export async function findReconciliationDays(db: Db, filter: ReconciliationFilter): Promise<ReconciliationDay[]> {
  const { start, end } = reconciliationBounds(filter);
  const paymentAccount = filter.accountId ? Prisma.sql`AND p.collection_account_id = ${filter.accountId}` : Prisma.empty;
  const lineAccount = filter.accountId ? Prisma.sql`AND l.collection_account_id = ${filter.accountId}` : Prisma.empty;
  const [payments, lines] = await Promise.all([
    db.$queryRaw<{ day: string; account: string; currency: string; total: bigint; n: bigint; missing: bigint }[]>`
      SELECT to_char(p.completed_at AT TIME ZONE 'Africa/Nairobi', 'YYYY-MM-DD') AS day, p.collection_account_id AS account, p.currency,
             SUM(p.amount)::bigint AS total, COUNT(*) AS n, COUNT(*) FILTER (WHERE p.ledger_missing_at IS NOT NULL) AS missing
        FROM payments p
       WHERE p.status = 'SUCCEEDED' AND p.mode = ${filter.mode}::"Mode" AND p.collection_account_id IS NOT NULL
         AND p.completed_at >= ${start} AND p.completed_at < ${end} ${paymentAccount}
       GROUP BY 1, 2, 3`,
    db.$queryRaw<{ day: string; account: string; currency: string; total: bigint; n: bigint; matched: bigint; filled: bigint; healed: bigint; unattached: bigint; mismatched: bigint; pending: bigint; out_total: bigint; out_n: bigint; refunds: bigint; unknown_reversals: bigint }[]>`
      SELECT to_char(COALESCE(l.completed_at, l.first_seen_at) AT TIME ZONE 'Africa/Nairobi', 'YYYY-MM-DD') AS day, l.collection_account_id AS account, l.currency,
             COALESCE(SUM(l.amount_minor) FILTER (WHERE l.direction = 'IN'), 0)::bigint AS total, COUNT(*) FILTER (WHERE l.direction = 'IN') AS n,
             COUNT(*) FILTER (WHERE l.match_status = 'MATCHED') AS matched, COUNT(*) FILTER (WHERE l.match_status = 'FILLED') AS filled,
             COUNT(*) FILTER (WHERE l.match_status = 'HEALED') AS healed, COUNT(*) FILTER (WHERE l.match_status = 'UNATTACHED') AS unattached,
             COUNT(*) FILTER (WHERE l.match_status = 'MISMATCHED') AS mismatched, COUNT(*) FILTER (WHERE l.match_status = 'PENDING') AS pending,
             COALESCE(SUM(l.amount_minor) FILTER (WHERE l.match_status IN ('REFUND', 'UNKNOWN_REVERSAL')), 0)::bigint AS out_total,
             COUNT(*) FILTER (WHERE l.match_status IN ('REFUND', 'UNKNOWN_REVERSAL')) AS out_n,
             COUNT(*) FILTER (WHERE l.match_status = 'REFUND') AS refunds, COUNT(*) FILTER (WHERE l.match_status = 'UNKNOWN_REVERSAL') AS unknown_reversals
        FROM ledger_lines l
       WHERE l.mode = ${filter.mode}::"Mode"
         AND ((l.completed_at >= ${start} AND l.completed_at < ${end}) OR (l.completed_at IS NULL AND l.first_seen_at >= ${start} AND l.first_seen_at < ${end}))
         ${lineAccount}
       GROUP BY 1, 2, 3`,
  ]);

  const days = new Map<string, ReconciliationDay>();
  const row = (day: string, account: string, currency: string) => {
    const k = key(day, account, currency);
    let d = days.get(k);
    if (!d) {
      d = { day, collectionAccountId: account, currency, malipoMinor: 0, malipoCount: 0, ledgerInMinor: 0, ledgerInCount: 0, differenceMinor: 0,
        refundsOutMinor: 0, refundsOutCount: 0, matched: 0, filled: 0, healed: 0, unattached: 0, mismatched: 0, refunds: 0, unknownReversals: 0, pending: 0, missing: 0, clean: true };
      days.set(k, d);
    }
    return d;
  };
  for (const p of payments) {
    const d = row(p.day, p.account, p.currency);
    d.malipoMinor = Number(p.total) * KES_MINOR_PER_MAJOR;
    d.malipoCount = Number(p.n);
    d.missing = Number(p.missing);
  }
  for (const l of lines) {
    const d = row(l.day, l.account, l.currency);
    Object.assign(d, { ledgerInMinor: Number(l.total), ledgerInCount: Number(l.n), matched: Number(l.matched), filled: Number(l.filled), healed: Number(l.healed),
      unattached: Number(l.unattached), mismatched: Number(l.mismatched), pending: Number(l.pending),
      refundsOutMinor: Number(l.out_total), refundsOutCount: Number(l.out_n), refunds: Number(l.refunds), unknownReversals: Number(l.unknown_reversals) });
  }
  for (const d of days.values()) {
    d.differenceMinor = d.ledgerInMinor - d.malipoMinor;
    d.clean = d.differenceMinor === 0 && d.unattached === 0 && d.mismatched === 0 && d.unknownReversals === 0 && d.missing === 0 && d.pending === 0;
  }
  return [...days.values()].sort((a, b) => b.day.localeCompare(a.day) || a.collectionAccountId.localeCompare(b.collectionAccountId) || a.currency.localeCompare(b.currency));
}

/** The daily difference per currency (summed over the accounts shown), every day of the range, oldest first: the chart's data. */
export function dailyDifference(days: ReconciliationDay[], filter: Pick<ReconciliationFilter, "from" | "to">): Map<string, { day: string; value: number }[]> {
  const byCurrency = new Map<string, Map<string, number>>();
  for (const d of days) {
    const m = byCurrency.get(d.currency) ?? new Map<string, number>();
    m.set(d.day, (m.get(d.day) ?? 0) + d.differenceMinor);
    byCurrency.set(d.currency, m);
  }
  const out = new Map<string, { day: string; value: number }[]>();
  for (const [currency, m] of byCurrency) {
    const series: { day: string; value: number }[] = [];
    for (let day = filter.from; day <= filter.to; day = addEatDays(day, 1)) series.push({ day, value: m.get(day) ?? 0 });
    out.set(currency, series);
  }
  return out;
}
