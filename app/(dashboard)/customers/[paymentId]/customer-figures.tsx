import { DateTime } from "@/components/ui/date-time";
import { statusLabel } from "@/components/ui/status-badge";
import type { CustomerSummary } from "@/lib/customers/get-customer-summary";
import type { DashboardMode } from "@/lib/dashboard/mode";
import { groupThousands } from "@/lib/dashboard/format-money";
import { ALL_STATUSES } from "@/lib/payments/state";

/** The customer's figures at a glance: paid, how often and how it went, first and last seen, where. */
export function CustomerFigures({ summary: s, mode }: { summary: CustomerSummary; mode: DashboardMode }) {
  const succeeded = s.byStatus.SUCCEEDED ?? 0;
  return (
    <dl className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4" data-testid="customer-figures">
      <Figure label="Paid" testId="customer-paid">
        {s.paid.length ? s.paid.map((p) => <span key={p.currency} className="block">{p.currency} {groupThousands(p.amount)}</span>) : <span>KES 0</span>}
        <Detail>{succeeded} of {s.payments} payment{s.payments === 1 ? "" : "s"} succeeded</Detail>
      </Figure>
      <Figure label="Payments" testId="customer-payments">
        <span>{s.payments}</span>
        <Detail>
          {ALL_STATUSES.filter((st) => s.byStatus[st]).map((st) => `${s.byStatus[st]} ${statusLabel(st).toLowerCase()}`).join(" · ") || "none"}
        </Detail>
      </Figure>
      <Figure label="Last seen" testId="customer-last-seen">
        <span className="text-base"><DateTime value={s.lastSeenAt} stacked /></span>
        <Detail>last paid: {s.lastPaidAt ? <DateTime value={s.lastPaidAt} relative={false} /> : "never"}</Detail>
      </Figure>
      <Figure label="First seen" testId="customer-first-seen">
        <span className="text-base"><DateTime value={s.firstSeenAt} stacked /></span>
        <Detail>
          {s.storefronts.length ? `at ${s.storefronts.map((f) => f.name).join(", ")}` : `no ${mode} storefront yet`}
        </Detail>
      </Figure>
    </dl>
  );
}

function Figure({ label, children, testId }: { label: string; children: React.ReactNode; testId: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid={testId}>
      <dt className="text-xs font-semibold uppercase tracking-wide text-slate-600">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold tabular-nums">{children}</dd>
    </div>
  );
}

function Detail({ children }: { children: React.ReactNode }) {
  return <span className="mt-1 block text-sm font-normal text-slate-600">{children}</span>;
}
