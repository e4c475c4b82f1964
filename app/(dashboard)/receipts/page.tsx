import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { DateTime } from "@/components/ui/date-time";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { linkClass } from "@/components/ui/styles";
import { requireUser } from "@/lib/auth/guards";
import { findUnattachedReceipts } from "@/lib/c2b/find-unattached-receipts";
import { formatKes } from "@/lib/dashboard/format-money";
import { getDashboardMode } from "@/lib/dashboard/get-dashboard-mode";
import { dbModeOf } from "@/lib/payments/public-payment";
import { getDb } from "@/lib/db/client";
import { ReceiptActions } from "./receipt-actions";

export const metadata: Metadata = { title: "Unattached receipts" };

const TABS = { unattached: "UNATTACHED", attached: "ATTACHED", direct: "DIRECT" } as const;
type Tab = keyof typeof TABS;

export default async function ReceiptsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireUser("/receipts");
  const requested = (await searchParams).status;
  const tab: Tab = typeof requested === "string" && requested in TABS ? (requested as Tab) : "unattached";
  const mode = await getDashboardMode();
  const { items, total } = await findUnattachedReceipts(getDb(), { mode: dbModeOf(mode), status: TABS[tab] });
  return (
    <>
      <PageHeader title="Unattached receipts" testId="receipts-title"
        description="C2B payments (customers paying the paybill or till directly) whose account number and amount matched no payment of their account. Attach one to the payment it pays — it then settles through the usual rules — or mark it as a direct payment. Both are audited." />
      <nav aria-label="Receipt status" className="mb-4 flex gap-3 text-sm">
        {(Object.keys(TABS) as Tab[]).map((t) => (
          <Link key={t} href={`/receipts?status=${t}`} aria-current={t === tab ? "page" : undefined} className={t === tab ? "font-semibold text-slate-900" : linkClass}>{t[0]!.toUpperCase() + t.slice(1)}</Link>
        ))}
      </nav>
      {items.length === 0 ? <EmptyState title={`No ${tab} receipts`}>{tab === "unattached" ? "Every C2B payment matched a payment or was dealt with." : "None yet."}</EmptyState> : (
        <div className="space-y-3" data-testid="receipts-list">
          {items.map((r) => (
            <Card key={r.id} id={r.id} title={<span className="flex flex-wrap items-center gap-2"><span className="font-mono">{r.receipt}</span> <span className="tabular-nums">{formatKes(r.amountMinor / 100)}</span></span>}>
              <div className="space-y-3 text-sm" data-testid="receipt-row" data-receipt={r.receipt}>
                <dl className="grid gap-x-4 gap-y-1 sm:grid-cols-[10rem_1fr]">
                  <dt className="text-slate-600">Account number</dt><dd className="font-mono">{r.billRefNumber ?? "— (till)"}</dd>
                  <dt className="text-slate-600">Payer</dt><dd>{[r.payerName, r.msisdn].filter(Boolean).join(" · ") || "—"}</dd>
                  <dt className="text-slate-600">Paid</dt><dd>{r.transTime ? <DateTime value={r.transTime} /> : "—"}</dd>
                  <dt className="text-slate-600">Storefront</dt><dd>{r.storefront.name} · {r.collectionAccount.name}</dd>
                  <dt className="text-slate-600">Confirmation</dt><dd><Link href={`/callbacks/${r.callbackLogId}`} className={linkClass}>Callback #{String(r.callbackLogId)}</Link></dd>
                  {r.status !== "UNATTACHED" ? <>
                    <dt className="text-slate-600">Resolved</dt>
                    <dd data-testid="receipt-resolution">{r.paymentId ? <>Attached to <Link href={`/payments/${r.paymentId}`} className={linkClass}>{r.paymentId}</Link></> : "Direct payment"} by {r.resolvedBy} {r.resolvedAt ? <DateTime value={r.resolvedAt} /> : null} — {r.resolutionReason}</dd>
                  </> : null}
                </dl>
                {r.status === "UNATTACHED" ? <ReceiptActions receiptId={r.id} /> : null}
              </div>
            </Card>
          ))}
          {total > items.length ? <p className="text-sm text-slate-600">Showing the newest {items.length} of {total}.</p> : null}
        </div>
      )}
    </>
  );
}
