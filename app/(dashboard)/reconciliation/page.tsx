import type { Metadata } from "next";
import Link from "next/link";
import { DifferenceChart } from "@/components/charts/difference-chart";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { buttonClass, linkClass } from "@/components/ui/styles";
import { requireUser } from "@/lib/auth/guards";
import { formatMinor } from "@/lib/dashboard/format-money";
import { getDashboardMode } from "@/lib/dashboard/get-dashboard-mode";
import { getDb } from "@/lib/db/client";
import { dbModeOf } from "@/lib/payments/public-payment";
import { dailyDifference, findReconciliationDays, type ReconciliationDay } from "@/lib/reconciliation/reconciliation-days";
import { parseReconciliationSearch, reconciliationQuery, type LineStatusFilter, type ReconciliationSearch } from "@/lib/reconciliation/reconciliation-search-params";
import { findStatementAccounts } from "@/lib/statements/find-statement-imports";
import { ReconciliationFilters } from "./filters";

export const metadata: Metadata = { title: "Reconciliation" };

type CountKey = "matched" | "filled" | "healed" | "refunds" | "unattached" | "mismatched" | "unknownReversals" | "missing" | "pending";
const COUNTS: { key: CountKey; status: LineStatusFilter; label: string }[] = [
  { key: "matched", status: "matched", label: "Matched" }, { key: "filled", status: "filled", label: "Filled in" }, { key: "healed", status: "healed", label: "Healed" },
  { key: "refunds", status: "refund", label: "Refunds" }, { key: "unattached", status: "unattached", label: "Unattached" },
  { key: "mismatched", status: "mismatched", label: "Mismatched" }, { key: "unknownReversals", status: "unknown_reversal", label: "Unknown reversals" },
  { key: "missing", status: "missing", label: "Missing" }, { key: "pending", status: "pending", label: "Not matched yet" },
];

export default async function ReconciliationPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireUser("/reconciliation");
  const search = parseReconciliationSearch(await searchParams, { now: new Date(), dashboardMode: await getDashboardMode() });
  const mode = dbModeOf(search.mode);
  const [accounts, days] = await Promise.all([
    findStatementAccounts(getDb(), { mode }),
    findReconciliationDays(getDb(), { mode, from: search.from, to: search.to, accountId: search.accountId }),
  ]);
  const accountName = new Map(accounts.map((a) => [a.id, a.name]));
  const charts = dailyDifference(days, search);
  const exceptions = days.filter((d) => !d.clean);
  return (
    <>
      <PageHeader title="Reconciliation" testId="reconciliation-title"
        description="Per day (EAT) and collection account: what Malipo holds as succeeded against what M-Pesa's own ledger (callbacks, C2B, Pull Transactions, statements) says came in, what it shows given back (refunds, apart from money in), never added across currencies, and how each ledger line was matched."
        actions={<a href={`/api/exports/reconciliation?${reconciliationQuery(search)}`} className={buttonClass.secondary} data-testid="export-exceptions" download>Export exceptions (CSV)</a>} />
      <div className="space-y-6">
        <ReconciliationFilters search={search} accounts={accounts.map((a) => ({ id: a.id, label: a.label }))} />
        {days.length === 0 ? (
          <p className="rounded-md border border-slate-200 bg-white p-4 text-sm" data-testid="reconciliation-empty">No succeeded payments and no ledger lines from {search.from} to {search.to}: nothing to reconcile.</p>
        ) : exceptions.length === 0 ? (
          <p className="rounded-md border border-emerald-300 bg-emerald-50 p-4 text-sm font-medium text-emerald-900" data-testid="reconciliation-clean">
            No differences from {search.from} to {search.to}: Malipo&apos;s totals equal M-Pesa&apos;s, and every ledger line is matched to its payment.
          </p>
        ) : (
          <p className="rounded-md border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900" data-testid="reconciliation-differences">
            {exceptions.length} of {days.length} day{days.length === 1 ? "" : "s"} (per account and currency) need a look; the rest have no differences.
          </p>
        )}
        {[...charts].map(([currency, series]) => (
          <Card key={currency}>
            <DifferenceChart title={`Daily difference, ${currency}: M-Pesa's total minus Malipo's (above the line: M-Pesa has more)`} data={series} format={(v) => formatMinor(v, currency)} />
          </Card>
        ))}
        {days.length > 0 ? (
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="min-w-full text-sm" data-testid="reconciliation-table">
              <thead className="bg-slate-50 text-left text-slate-600">
                <tr>
                  <th scope="col" className="px-3 py-2">Day (EAT)</th><th scope="col" className="px-3 py-2">Account</th>
                  <th scope="col" className="px-3 py-2 text-right">Malipo (succeeded)</th><th scope="col" className="px-3 py-2 text-right">M-Pesa (ledger in)</th>
                  <th scope="col" className="px-3 py-2 text-right">Difference</th>
                  <th scope="col" className="px-3 py-2 text-right">Refunds out (ledger)</th>
                  {COUNTS.map((c) => <th key={c.key} scope="col" className="px-3 py-2 text-right">{c.label}</th>)}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {days.map((d) => <DayRow key={`${d.day}-${d.collectionAccountId}-${d.currency}`} day={d} search={search} accountName={accountName.get(d.collectionAccountId) ?? d.collectionAccountId} />)}
              </tbody>
            </table>
          </div>
        ) : null}
      </div>
    </>
  );
}

function DayRow({ day: d, search, accountName }: { day: ReconciliationDay; search: ReconciliationSearch; accountName: string }) {
  const link = (status: LineStatusFilter) => `/reconciliation/lines?${reconciliationQuery(search, { day: d.day, accountId: d.collectionAccountId, status })}`;
  return (
    <tr data-testid="reconciliation-row" data-day={d.day} data-account={d.collectionAccountId} data-currency={d.currency} data-clean={d.clean}>
      <td className="px-3 py-2 tabular-nums">{d.day}</td>
      <td className="px-3 py-2">{accountName}</td>
      <td className="px-3 py-2 text-right tabular-nums" data-cell="malipo">{formatMinor(d.malipoMinor, d.currency)} <span className="text-slate-500">({d.malipoCount})</span></td>
      <td className="px-3 py-2 text-right tabular-nums" data-cell="ledger">{formatMinor(d.ledgerInMinor, d.currency)} <span className="text-slate-500">({d.ledgerInCount})</span></td>
      <td className="px-3 py-2 text-right tabular-nums" data-cell="difference">
        {d.clean ? <span className="font-medium text-emerald-800">No differences</span> : d.differenceMinor === 0 ? "0" : formatMinor(d.differenceMinor, d.currency)}
      </td>
      <td className="px-3 py-2 text-right tabular-nums" data-cell="refunds-out">
        {d.refundsOutCount > 0 ? <>{formatMinor(d.refundsOutMinor, d.currency)} <span className="text-slate-500">({d.refundsOutCount})</span></> : <span className="text-slate-400">0</span>}
      </td>
      {COUNTS.map((c) => (
        <td key={c.key} className="px-3 py-2 text-right tabular-nums" data-cell={c.key}>
          {d[c.key] > 0 ? <Link href={link(c.status)} className={linkClass} aria-label={`${d[c.key]} ${c.label.toLowerCase()} on ${d.day}, ${accountName}`}>{d[c.key]}</Link> : <span className="text-slate-400">0</span>}
        </td>
      ))}
    </tr>
  );
}
