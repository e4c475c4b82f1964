import type { Metadata } from "next";
import Link from "next/link";
import { Pagination } from "@/components/data-table/pagination";
import { DateTime } from "@/components/ui/date-time";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { JsonBlock } from "@/components/ui/raw-text-block";
import { buttonClass, inputClass, labelClass, linkClass } from "@/components/ui/styles";
import { auditSearchQuery, parseAuditSearch } from "@/lib/dashboard/audit-search-params";
import { findAuditLogs, listAuditActions } from "@/lib/audit/find-audit-logs";
import { requireUser } from "@/lib/auth/guards";
import { getDb } from "@/lib/db/client";
import type { RawSearchParams } from "@/lib/dashboard/search-params";

export const metadata: Metadata = { title: "Audit log" };

const ENTITY_LINK: Record<string, (id: string) => string> = {
  payment: (id) => `/payments/${id}`,
  callback: (id) => `/callbacks/${id}`,
};

export default async function AuditPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  await requireUser("/audit");
  const search = parseAuditSearch(await searchParams);
  const db = getDb();
  const [result, actions] = await Promise.all([findAuditLogs(db, search), listAuditActions(db)]);
  return (
    <>
      <PageHeader title="Audit log" testId="audit-title" description="Who did what to which record, when (EAT) and why, with the record before and after." />
      <form method="get" action="/audit" role="search" aria-label="Filter the audit log" className="mb-4 grid gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm md:grid-cols-3 lg:grid-cols-6">
        <div>
          <label htmlFor="a-action" className={labelClass}>Action</label>
          <select id="a-action" name="action" defaultValue={search.action} className={`${inputClass} mt-1`}>
            <option value="">All actions</option>
            {actions.map((a) => <option key={a} value={a}>{a}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="a-type" className={labelClass}>Record type</label>
          <select id="a-type" name="entityType" defaultValue={search.entityType} className={`${inputClass} mt-1`}>
            <option value="">All</option>
            {["payment", "callback", "user", "storefront", "api_key", "webhook_endpoint", "payment_link"].map((t) => <option key={t} value={t}>{t}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="a-id" className={labelClass}>Record id</label>
          <input id="a-id" name="entityId" defaultValue={search.entityId} className={`${inputClass} mt-1`} />
        </div>
        <div>
          <label htmlFor="a-actor" className={labelClass}>Actor email</label>
          <input id="a-actor" name="actor" defaultValue={search.actor} className={`${inputClass} mt-1`} />
        </div>
        <div>
          <label htmlFor="a-from" className={labelClass}>From (EAT)</label>
          <input id="a-from" name="from" type="date" defaultValue={search.from ?? ""} className={`${inputClass} mt-1`} />
        </div>
        <div>
          <label htmlFor="a-to" className={labelClass}>To (EAT)</label>
          <input id="a-to" name="to" type="date" defaultValue={search.to ?? ""} className={`${inputClass} mt-1`} />
        </div>
        <div className="flex items-center gap-3 md:col-span-3 lg:col-span-6">
          <button type="submit" className={buttonClass.primary}>Apply</button>
          <Link href="/audit" className={linkClass}>Reset</Link>
        </div>
      </form>
      {result.data.length === 0 ? <EmptyState title="No audit entries match" /> : (
        <ol className="space-y-3" data-testid="audit-list">
          {result.data.map((a) => {
            const link = ENTITY_LINK[a.entityType];
            return (
              <li key={a.id} className="rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm" data-testid="audit-row">
                <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
                  <DateTime value={a.createdAt} suffix />
                  <span className="font-semibold">{a.action}</span>
                  <span>{a.entityType} {link ? <Link href={link(a.entityId)} className={`${linkClass} font-mono`}>{a.entityId}</Link> : <span className="font-mono">{a.entityId}</span>}</span>
                  <span className="text-slate-700">by {a.actorEmail}</span>
                  {a.ip ? <span className="text-slate-500">from {a.ip}</span> : null}
                </div>
                <p className="mt-1"><span className="text-slate-600">Reason:</span> {a.reason ?? "—"}</p>
                <div className="mt-2 grid gap-2 md:grid-cols-2">
                  <div><h2 className="text-xs font-semibold uppercase text-slate-600">Before</h2><JsonBlock value={a.before} label="Before" /></div>
                  <div><h2 className="text-xs font-semibold uppercase text-slate-600">After</h2><JsonBlock value={a.after} label="After" /></div>
                </div>
              </li>
            );
          })}
        </ol>
      )}
      <Pagination page={result.page} totalPages={result.totalPages} total={result.total} pageSize={result.pageSize} noun="entries" pageHref={(page) => `/audit${auditSearchQuery({ ...search, page })}`} />
    </>
  );
}
