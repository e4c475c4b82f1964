import type { Metadata } from "next";
import Link from "next/link";
import { DateTime } from "@/components/ui/date-time";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { linkClass } from "@/components/ui/styles";
import { requireUser } from "@/lib/auth/guards";
import { formatMinor } from "@/lib/dashboard/format-money";
import { getDashboardMode } from "@/lib/dashboard/get-dashboard-mode";
import { getDb } from "@/lib/db/client";
import { dbModeOf } from "@/lib/payments/public-payment";
import { KES_MINOR_PER_MAJOR } from "@/lib/rails/daraja/money";
import { countRecords, findLedgerLinesPage, findMissingPaymentsPage, type RecordScope } from "@/lib/reconciliation/find-reconciliation-records";
import { LINE_STATUSES, parseReconciliationSearch, reconciliationQuery, type LineStatusFilter } from "@/lib/reconciliation/reconciliation-search-params";
import { findStatementAccounts } from "@/lib/statements/find-statement-imports";
import { ReconciliationFilters } from "../filters";

export const metadata: Metadata = { title: "Ledger lines" };

const PAGE = 100;
/** Money out reads as what it is; the other statuses as their names. */
const LINE_STATUS_WORDS: Partial<Record<string, string>> = { REFUND: "Refund", UNKNOWN_REVERSAL: "Unknown reversal", NOT_A_PAYMENT: "Other money out" };
const TITLES: Record<LineStatusFilter, string> = {
  unattached: "Unattached ledger lines: money M-Pesa received that matches no payment",
  mismatched: "Mismatched ledger lines: amount or phone disagrees with the payment",
  missing: "Missing: payments Malipo holds as succeeded that the ledger does not have",
  matched: "Matched ledger lines", filled: "Filled in: the line gave a payment its missing receipt", healed: "Healed: the line settled an expired payment (late)",
  pending: "Ledger lines not matched yet", disagreement: "Ledger lines whose sources disagree (amount or direction)",
  refund: "Refunds: money given back by a Malipo refund (a reversal or a B2C payout), with the payment it refunds",
  unknown_reversal: "Unknown reversals: M-Pesa reversed a payment and no Malipo refund accounts for it (reversed on the org portal?)",
};

export default async function LedgerLinesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireUser("/reconciliation/lines");
  const raw = await searchParams;
  const search = parseReconciliationSearch(raw, { now: new Date(), dashboardMode: await getDashboardMode() });
  const status: LineStatusFilter = search.status ?? "unattached";
  const scope: RecordScope = { mode: dbModeOf(search.mode), from: search.from, to: search.to, accountId: search.accountId, day: search.day };
  const after = typeof raw.after === "string" && /^[A-Za-z0-9_]{1,64}$/.test(raw.after) ? raw.after : null;
  const db = getDb();
  const [accounts, total] = await Promise.all([findStatementAccounts(db, { mode: scope.mode }), countRecords(db, scope, status)]);
  const period = search.day ? `on ${search.day}` : `from ${search.from} to ${search.to}`;
  const nextLink = (cursor: string) => `/reconciliation/lines?${reconciliationQuery(search, { status })}&after=${encodeURIComponent(cursor)}`;

  let body: React.ReactNode;
  let next: string | null = null;
  if (status === "missing") {
    const rows = await findMissingPaymentsPage(db, scope, { after, take: PAGE });
    if (rows.length === PAGE) next = nextLink(rows.at(-1)!.id);
    body = rows.length === 0 ? <EmptyState title={`No payments missing from the ledger ${period}`} /> : (
      <Table head={["Payment", "Account", "Amount", "Reference", "Receipt", "Succeeded", "Flagged"]}>
        {rows.map((p) => (
          <tr key={p.id} data-testid="record-row" data-payment={p.id}>
            <td className="px-3 py-2 font-mono"><Link href={`/payments/${p.id}`} className={linkClass}>{p.id}</Link></td>
            <td className="px-3 py-2">{p.collectionAccount?.name}</td>
            <td className="px-3 py-2 text-right tabular-nums">{formatMinor(p.amount * KES_MINOR_PER_MAJOR, p.currency)}</td>
            <td className="px-3 py-2">{p.reference}</td>
            <td className="px-3 py-2 font-mono">{p.mpesaReceipt ?? "—"}</td>
            <td className="px-3 py-2"><DateTime value={p.completedAt} relative={false} /></td>
            <td className="px-3 py-2"><DateTime value={p.ledgerMissingAt} relative={false} /></td>
          </tr>
        ))}
      </Table>
    );
  } else {
    const rows = await findLedgerLinesPage(db, scope, status, { after: after && /^\d{1,18}$/.test(after) ? BigInt(after) : null, take: PAGE });
    if (rows.length === PAGE) next = nextLink(String(rows.at(-1)!.id));
    body = rows.length === 0 ? <EmptyState title={`No such ledger lines ${period}`} /> : (
      <Table head={["Receipt", "Account", "Amount", "Direction", "Status", "Payment", "A/C No.", "Completed", "Sources", "Note"]}>
        {rows.map((l) => (
          <tr key={String(l.id)} data-testid="record-row" data-receipt={l.receipt}>
            <td className="px-3 py-2 font-mono">{l.receipt}</td>
            <td className="px-3 py-2">{l.collectionAccount.name}</td>
            <td className="px-3 py-2 text-right tabular-nums">{formatMinor(l.amountMinor, l.currency)}</td>
            <td className="px-3 py-2">{l.direction.toLowerCase()}</td>
            <td className="px-3 py-2" data-cell="status">{LINE_STATUS_WORDS[l.matchStatus] ?? l.matchStatus.toLowerCase().replaceAll("_", " ")}</td>
            <td className="px-3 py-2 font-mono">{l.paymentId ? <Link href={`/payments/${l.paymentId}`} className={linkClass}>{l.paymentId}</Link> : "—"}</td>
            <td className="px-3 py-2 font-mono">{l.accountReference ?? "—"}</td>
            <td className="px-3 py-2"><DateTime value={l.completedAt} relative={false} /></td>
            <td className="px-3 py-2">{l.sources.join(", ")}</td>
            <td className="px-3 py-2" data-cell="note">{l.disagreement ?? l.matchNote ?? ""}</td>
          </tr>
        ))}
      </Table>
    );
  }

  return (
    <>
      <PageHeader title="Ledger lines" testId="ledger-lines-title" description={`${TITLES[status]}, ${period}. ${total} in all.`}
        actions={<Link href={`/reconciliation?${reconciliationQuery(search, { day: null, status: null })}`} className={linkClass}>Back to reconciliation</Link>} />
      <div className="space-y-4">
        <nav aria-label="Line status" className="flex flex-wrap gap-3 text-sm">
          {LINE_STATUSES.map((s) => (
            <Link key={s} href={`/reconciliation/lines?${reconciliationQuery(search, { status: s })}`} aria-current={s === status ? "page" : undefined}
              className={s === status ? "font-semibold text-slate-900" : linkClass}>{s}</Link>
          ))}
        </nav>
        <ReconciliationFilters search={search} accounts={accounts} action="/reconciliation/lines" status={status} />
        {body}
        {next ? <Link href={next} className={linkClass}>Next {PAGE}</Link> : null}
      </div>
    </>
  );
}

function Table({ head, children }: { head: string[]; children: React.ReactNode }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full text-sm" data-testid="records-table">
        <thead className="bg-slate-50 text-left text-slate-600"><tr>{head.map((h) => <th key={h} scope="col" className="px-3 py-2">{h}</th>)}</tr></thead>
        <tbody className="divide-y divide-slate-100">{children}</tbody>
      </table>
    </div>
  );
}
