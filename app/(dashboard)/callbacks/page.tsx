import type { Metadata } from "next";
import Link from "next/link";
import { Pagination } from "@/components/data-table/pagination";
import { CheckboxGroup } from "@/components/ui/checkbox-group";
import { DateTime } from "@/components/ui/date-time";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { OutcomeBadge, TestBadge } from "@/components/ui/status-badge";
import { buttonClass, inputClass, labelClass, linkClass } from "@/components/ui/styles";
import { requireUser } from "@/lib/auth/guards";
import { getDb } from "@/lib/db/client";
import { callbackSearchQuery, parseCallbackSearch, CALLBACK_OUTCOMES } from "@/lib/dashboard/callback-search-params";
import { findCallbacks } from "@/lib/callbacks/find-callbacks";
import type { RawSearchParams } from "@/lib/dashboard/search-params";

export const metadata: Metadata = { title: "Callbacks" };

export default async function CallbacksPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  await requireUser("/callbacks");
  const search = parseCallbackSearch(await searchParams);
  const result = await findCallbacks(getDb(), search);
  return (
    <>
      <PageHeader title="Callbacks" testId="callbacks-title" description="Every request that reached the callback endpoint, stored before anything was done with it." />
      <form method="get" action="/callbacks" role="search" aria-label="Filter callbacks" className="mb-4 flex flex-wrap items-end gap-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <CheckboxGroup legend="Verdict" name="outcome" values={CALLBACK_OUTCOMES} checked={search.outcome} />
        <div>
          <label htmlFor="cb-q" className={labelClass}>CheckoutRequestID or payment id</label>
          <input id="cb-q" name="q" defaultValue={search.q} className={`${inputClass} mt-1`} />
        </div>
        <button type="submit" className={buttonClass.primary}>Apply</button>
        <Link href="/callbacks" className={linkClass}>Reset</Link>
      </form>
      {result.data.length === 0 ? <EmptyState title={result.total === 0 ? "No callbacks match" : "This page is past the end"} /> : (
        <>
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
            <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="callbacks-table">
              <caption className="sr-only">Callbacks</caption>
              <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
                <tr><th scope="col" className="px-3 py-2">#</th><th scope="col" className="px-3 py-2">Received (EAT)</th><th scope="col" className="px-3 py-2">Verdict</th><th scope="col" className="px-3 py-2">Checks</th><th scope="col" className="px-3 py-2">Payment</th><th scope="col" className="px-3 py-2">Body</th></tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {result.data.map((c) => (
                  <tr key={c.id} className="align-top">
                    <td className="px-3 py-2"><Link href={`/callbacks/${c.id}`} className={linkClass}>#{c.id}</Link></td>
                    <td className="px-3 py-2"><DateTime value={c.receivedAt} /></td>
                    <td className="px-3 py-2"><OutcomeBadge outcome={c.outcome} checks={c} />{c.error ? <p className="mt-1 max-w-xs whitespace-normal text-xs text-red-800">{c.error}</p> : null}</td>
                    <td className="whitespace-nowrap px-3 py-2 text-xs">{c.sourceIp}<br />{c.ipAllowed ? "address ok" : "address not listed"} · {c.tokenValid ? "token ok" : "token invalid"}</td>
                    <td className="px-3 py-2">{c.paymentId ? <span className="inline-flex items-center gap-1"><Link href={`/payments/${c.paymentId}`} className={`${linkClass} font-mono text-xs`}>{c.paymentId}</Link>{c.paymentMode === "TEST" ? <TestBadge /> : null}</span> : <span className="text-slate-500">unmatched</span>}</td>
                    <td className="max-w-md px-3 py-2"><code className="block whitespace-pre-wrap break-all text-xs text-slate-700">{c.bodyExcerpt}{c.bodyLength > c.bodyExcerpt.length ? "…" : ""}</code></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <Pagination page={result.page} totalPages={result.totalPages} total={result.total} pageSize={result.pageSize} noun="callbacks" pageHref={(page) => `/callbacks${callbackSearchQuery({ ...search, page })}`} />
    </>
  );
}
