import type { Metadata } from "next";
import Link from "next/link";
import { BarChart } from "@/components/charts/bar-chart";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { StatusBadge } from "@/components/ui/status-badge";
import { linkClass } from "@/components/ui/styles";
import { requireUser } from "@/lib/auth/guards";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { findAttentionItems } from "@/lib/alerts/find-attention-items";
import { formatMoney, formatRate, groupThousands } from "@/lib/dashboard/format-money";
import { getDashboardMode } from "@/lib/dashboard/get-dashboard-mode";
import { getOverview } from "@/lib/payments/get-overview";
import { describeAnyResultCode } from "@/lib/rails/describe-any-result-code";
import { paymentSearchQuery } from "@/lib/dashboard/payment-search-params";
import { stuckAfterSeconds } from "@/lib/payments/stuck-threshold";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage() {
  await requireUser("/");
  const mode = await getDashboardMode();
  const db = getDb();
  const [overview, attention] = await Promise.all([
    getOverview(db, { mode, describeResultCode: describeAnyResultCode }),
    findAttentionItems(db, { mode, stuckAfterSeconds: stuckAfterSeconds(getEnv()), limit: 1 }),
  ]);
  const rateSeries = overview.daily.map((d) => ({ day: d.day, value: d.finished ? (d.succeeded / d.finished) * 100 : null }));
  return (
    <>
      <PageHeader title="Overview" testId="overview-title" description={`${mode === "live" ? "Live" : "Test"} payments, in East Africa Time. Success rate = succeeded ÷ payments that reached a final state.`} />
      <div className="grid gap-4 md:grid-cols-3">
        {overview.periods.map((p) => (
          <Card key={p.key}>
            <h2 className="text-sm font-medium text-slate-600">{p.label}</h2>
            {/* One line per currency: KES and TZS are separate totals, never added together. */}
            <div className="mt-1 space-y-0.5" data-testid={`volume-${p.key}`}>
              {(overview.currencies.length ? overview.currencies : ["KES"]).map((currency) => (
                <p key={currency} className="text-2xl font-semibold tabular-nums" data-testid={`volume-${p.key}-${currency}`}>{formatMoney(p.volume[currency] ?? 0, currency)}</p>
              ))}
            </div>
            <dl className="mt-2 grid grid-cols-2 gap-1 text-sm">
              <dt className="text-slate-600">Payments</dt><dd className="text-right tabular-nums">{groupThousands(p.count)}</dd>
              <dt className="text-slate-600">Succeeded</dt><dd className="text-right tabular-nums">{groupThousands(p.succeeded)}</dd>
              <dt className="text-slate-600">Success rate</dt><dd className="text-right tabular-nums">{formatRate(p.succeeded, p.finished)}</dd>
            </dl>
          </Card>
        ))}
      </div>

      <div className="mt-4">
        <Card title="Needs attention" id="attention" actions={<Link href="/attention" className={linkClass}>Open the list</Link>}>
          {attention.alerts.length > 0 ? (
            <ul className="mb-3 space-y-1 text-sm" data-testid="overview-alerts">
              {attention.alerts.map((a) => <li key={`${a.kind}:${a.mode ?? ""}`} className="font-medium text-red-800" role="status">{a.message}</li>)}
            </ul>
          ) : null}
          <ul className="grid gap-2 text-sm sm:grid-cols-5">
            <li><span className="font-semibold tabular-nums">{attention.stuck.total}</span> stuck unsettled</li>
            <li><span className="font-semibold tabular-nums">{attention.review.total}</span> in review</li>
            <li><span className="font-semibold tabular-nums">{attention.receiptMissing.total}</span> without a receipt</li>
            <li><span className="font-semibold tabular-nums">{attention.callbacks.total}</span> unmatched or invalid callbacks</li>
            <li><span className="font-semibold tabular-nums">{attention.refusedCallbacks.total}</span> refused for their address</li>
          </ul>
        </Card>
      </div>

      <div className="mt-4 grid gap-4 lg:grid-cols-2">
        {(overview.currencies.length ? overview.currencies : ["KES"]).map((currency) => (
          <Card key={currency} title={`Volume per day (${currency}, succeeded)`} id={currency === "KES" ? "volume-chart" : `volume-chart-${currency}`}>
            <BarChart title={`Succeeded ${currency} volume per EAT day, last 30 days`} data={overview.daily.map((d) => ({ day: d.day, value: d.volume[currency] ?? 0 }))} format={(v) => formatMoney(v, currency)} />
          </Card>
        ))}
        <Card title="Success rate per day" id="rate-chart">
          <BarChart title="Success rate per EAT day, last 30 days" data={rateSeries} format={(v) => `${v.toFixed(1)}%`} max={100} colour="#0369a1" />
        </Card>
      </div>

      <div className="mt-4 grid gap-4 lg:grid-cols-2">
        <Card title="By outcome, last 30 days" id="by-status">
          {overview.byStatus.length === 0 ? <p className="text-sm text-slate-600">No payments in the last 30 days.</p> : (
            <table className="w-full text-sm">
              <caption className="sr-only">Payments by status, last 30 days</caption>
              <thead><tr><th scope="col" className="text-left font-medium text-slate-600">Status</th><th scope="col" className="text-right font-medium text-slate-600">Payments</th></tr></thead>
              <tbody>
                {overview.byStatus.map((s) => (
                  <tr key={s.status} className="border-t border-slate-100">
                    <td className="py-1.5"><Link href={`/payments${paymentSearchQuery({ status: [s.status as never] })}`} className="rounded focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-emerald-600"><StatusBadge status={s.status} /></Link></td>
                    <td className="py-1.5 text-right tabular-nums">{groupThousands(s.count)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Card>
        <Card title="By M-Pesa result code, last 30 days" id="by-code">
          {overview.byResultCode.length === 0 ? <p className="text-sm text-slate-600">No M-Pesa results in the last 30 days.</p> : (
            <table className="w-full text-sm">
              <caption className="sr-only">Payments by M-Pesa result code, last 30 days</caption>
              <thead><tr><th scope="col" className="text-left font-medium text-slate-600">Code</th><th scope="col" className="text-left font-medium text-slate-600">Meaning</th><th scope="col" className="text-right font-medium text-slate-600">Payments</th></tr></thead>
              <tbody>
                {overview.byResultCode.map((c) => (
                  <tr key={c.code} className="border-t border-slate-100">
                    <td className="py-1.5 font-mono">{c.code}</td>
                    <td className="py-1.5 pr-2">{c.label}</td>
                    <td className="py-1.5 text-right tabular-nums">{groupThousands(c.count)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Card>
      </div>
    </>
  );
}
