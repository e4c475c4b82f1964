import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { CappedListCard } from "@/components/ui/capped-list-card";
import { DateTime } from "@/components/ui/date-time";
import { PageHeader } from "@/components/ui/page-header";
import { OutcomeBadge, StatusBadge } from "@/components/ui/status-badge";
import { linkClass } from "@/components/ui/styles";
import { requireUser } from "@/lib/auth/guards";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { findAttentionItems, type AttentionItems } from "@/lib/alerts/find-attention-items";
import { formatMoney } from "@/lib/dashboard/format-money";
import { formatPhone } from "@/lib/dashboard/format-phone";
import { getDashboardMode } from "@/lib/dashboard/get-dashboard-mode";
import { stuckAfterSeconds } from "@/lib/payments/stuck-threshold";

export const metadata: Metadata = { title: "Needs attention" };

export default async function AttentionPage() {
  await requireUser("/attention");
  const mode = await getDashboardMode();
  const env = getEnv();
  const threshold = stuckAfterSeconds(env);
  const items = await findAttentionItems(getDb(), { mode, stuckAfterSeconds: threshold, refundCheckAfterMinutes: env.refunds.checkAfterMinutes });
  return (
    <>
      <PageHeader title="Needs attention" testId="attention-title" description={`${items.total} item${items.total === 1 ? "" : "s"} that a person should look at.`} />
      <div className="space-y-4">
        {items.alerts.length > 0 ? (
          <Card title={`Operator alerts (${items.alerts.length})`} id="alerts">
            <ul className="divide-y divide-slate-100 text-sm" data-testid="attention-alerts">
              {items.alerts.map((a) => (
                <li key={`${a.kind}:${a.mode ?? ""}`} className="py-2" role="status">
                  <p className="font-medium text-red-800">{a.message}</p>
                  <p className="text-xs text-slate-600">{a.count} time{a.count === 1 ? "" : "s"}, last <DateTime value={new Date(a.lastSeenAt)} /></p>
                </li>
              ))}
            </ul>
          </Card>
        ) : null}
        <PaymentList id="stuck" title={`Unsettled for more than ${Math.round(threshold / 60)} min`} list={items.stuck} empty="No payment is stuck." />
        <PaymentList id="review" title="In review (amount or outcome disputed)" list={items.review} empty="No payment is waiting for review." />
        <PaymentList id="receipt" title="Succeeded without an M-Pesa receipt" list={items.receiptMissing} empty="Every success has its receipt." />
        <RefundList id="refunds-waiting" title="Refunds waiting for an admin (to approve, reject or send)" list={items.refundsWaiting}
          empty="No refund is waiting for an admin." />
        <RefundList id="refunds-unknown" title="Refunds sent and not settled (outcome unknown, or result overdue)" list={items.refundsUnknown}
          empty="Every refund sent has its outcome, or is still within its result's time." />
        <CallbackList id="callbacks" title="Unmatched or unreadable callbacks" list={items.callbacks} empty="Every callback was matched and read." />
        <CallbackList id="refused-callbacks" title="Callbacks with a valid token refused for their source address" list={items.refusedCallbacks}
          empty="No callback with a valid token was refused for its address." />
      </div>
    </>
  );
}

function PaymentList(props: { id: string; title: string; list: AttentionItems["stuck"]; empty: string }) {
  return (
    <CappedListCard {...props} testId={`attention-${props.id}`} row={(p) => (
      <>
        <Link href={`/payments/${p.id}`} className={linkClass}>{p.reference}</Link>
        <StatusBadge status={p.status} />
        <span className="tabular-nums">{formatMoney(p.amount, p.currency)}</span>
        <span className="tabular-nums">{formatPhone(p.phone)}</span>
        <span className="text-slate-600">{p.storefront.name}</span>
        <DateTime value={p.createdAt} />
        {p.reviewReason ? <span className="text-slate-700">{p.reviewReason}</span> : null}
      </>
    )} />
  );
}

function RefundList(props: { id: string; title: string; list: AttentionItems["refundsWaiting"]; empty: string }) {
  return (
    <CappedListCard {...props} testId={`attention-${props.id}`} row={(r) => (
      <>
        <Link href={`/payments/${r.payment.id}#refunds`} className={linkClass}>{r.payment.reference}</Link>
        <span className="font-mono text-xs">{r.id}</span>
        <span className="font-medium">{r.status.toLowerCase()}</span>
        <span className="tabular-nums">{formatMoney(r.amount, r.currency)}</span>
        <span className="text-slate-600">{r.payment.storefront.name}</span>
        <span className="text-slate-600">asked by {r.requestedByEmail}</span>
        <DateTime value={r.createdAt} />
        <span className="text-slate-700">{r.failureReason ?? r.reason}</span>
      </>
    )} />
  );
}

function CallbackList(props: { id: string; title: string; list: AttentionItems["callbacks"]; empty: string }) {
  return (
    <CappedListCard {...props} testId={`attention-${props.id}`} row={(c) => (
      <>
        <Link href={`/callbacks/${c.id}`} className={linkClass}>Callback #{c.id}</Link>
        <OutcomeBadge outcome={c.outcome} checks={c} />
        <DateTime value={c.receivedAt} />
        <span className="font-mono text-xs">{c.checkoutRequestId ?? "no CheckoutRequestID"}</span>
        {c.error ? <span className="text-red-800">{c.error}</span> : null}
      </>
    )} />
  );
}
