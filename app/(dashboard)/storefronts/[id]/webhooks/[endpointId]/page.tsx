import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Pagination } from "@/components/data-table/pagination";
import { ActionForm } from "@/components/ui/action-form";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { DateTime } from "@/components/ui/date-time";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { ReasonField } from "@/components/ui/reason-field";
import { buttonClass, inputClass, labelClass, linkClass } from "@/components/ui/styles";
import { sendTestEventAction } from "@/lib/actions/events";
import { resendWebhookAction } from "@/lib/actions/webhooks";
import { requireAdmin } from "@/lib/auth/guards";
import { getDb } from "@/lib/db/client";
import { normaliseSearchParams, type RawSearchParams } from "@/lib/dashboard/search-params";
import { deliveryLogSearchParams } from "@/lib/events/dashboard-schemas";
import { findEndpointDeliveries, type EndpointDeliveries } from "@/lib/events/find-endpoint-deliveries";

export const metadata: Metadata = { title: "Webhook delivery log" };

const TONE = { PENDING: "blue", SUCCEEDED: "green", FAILED: "red" } as const;

/** Every delivery to one endpoint, newest first, with what the endpoint answered (admins only, like the answers themselves). */
export default async function DeliveryLogPage({ params, searchParams }: { params: Promise<{ id: string; endpointId: string }>; searchParams: Promise<RawSearchParams> }) {
  const { id, endpointId } = await params;
  const base = `/storefronts/${encodeURIComponent(id)}/webhooks/${encodeURIComponent(endpointId)}`;
  await requireAdmin(base);
  const search = deliveryLogSearchParams.parse(normaliseSearchParams(await searchParams));
  const log = await findEndpointDeliveries(getDb(), { storefrontId: id, endpointId, ...search });
  if (!log) notFound();
  const { endpoint } = log;
  const href = (page: number) => `${base}?${new URLSearchParams({ ...(search.status === "all" ? {} : { status: search.status }), ...(page > 1 ? { page: String(page) } : {}) })}`;
  return (
    <>
      <p className="mb-2 text-sm"><Link href={`/storefronts#${endpoint.storefront.id}`} className={linkClass}>← Storefronts</Link></p>
      <PageHeader title="Webhook delivery log" testId="delivery-log-title"
        description={<>{endpoint.storefront.name}, {endpoint.mode === "LIVE" ? "live" : "test"} events to <span className="break-all font-mono">{endpoint.url}</span>{endpoint.enabled ? null : <> <Badge tone="red">Disabled</Badge></>}</>}
        actions={endpoint.enabled ? (
          <ActionForm action={sendTestEventAction} submitLabel="Send test event" tone="secondary" testId="log-test-event-form">
            <input type="hidden" name="storefrontId" value={endpoint.storefront.id} />
            <input type="hidden" name="endpointId" value={endpoint.id} />
          </ActionForm>
        ) : null} />
      {endpoint.disabledReason ? <p className="mb-4 text-sm text-red-800">{endpoint.disabledReason}</p> : null}
      <form method="get" action={base} className="mb-4 flex flex-wrap items-end gap-3" aria-label="Filter deliveries">
        <div>
          <label htmlFor="log-status" className={labelClass}>Status</label>
          <select id="log-status" name="status" defaultValue={search.status} className={`${inputClass} mt-1`}>
            <option value="all">All</option><option value="pending">Pending</option><option value="succeeded">Succeeded</option><option value="failed">Failed</option>
          </select>
        </div>
        <button type="submit" className={buttonClass.secondary}>Filter</button>
      </form>
      {log.deliveries.length === 0 ? <EmptyState title="No deliveries">Nothing has been sent to this endpoint{search.status === "all" ? "" : " with this status"} yet.</EmptyState> : (
        <ol className="space-y-3" data-testid="delivery-log">
          {log.deliveries.map((d) => <DeliveryItem key={d.id} delivery={d} />)}
        </ol>
      )}
      <Pagination page={log.page} totalPages={log.totalPages} total={log.total} pageSize={log.pageSize} pageHref={href} noun="deliveries" />
    </>
  );
}

function DeliveryItem({ delivery: d }: { delivery: EndpointDeliveries["deliveries"][number] }) {
  const last = d.attempts[0];
  return (
    <li data-testid="delivery" data-event-type={d.event.type} data-status={d.status.toLowerCase()}>
      <Card title={<span className="flex flex-wrap items-center gap-2"><code className="font-mono">{d.event.type}</code> <Badge tone={TONE[d.status]}>{d.status.toLowerCase()}</Badge></span>}>
        <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
          <dt className="text-slate-600">Event</dt><dd className="font-mono text-xs">{d.event.id}{d.event.paymentId ? <> · <Link href={`/payments/${d.event.paymentId}`} className={linkClass}>{d.event.paymentId}</Link></> : null}</dd>
          <dt className="text-slate-600">Queued</dt><dd><DateTime value={d.createdAt} suffix /></dd>
          <dt className="text-slate-600">Attempts</dt><dd>{d.attemptCount}{d.status === "PENDING" && d.nextAttemptAt ? <> · next <DateTime value={d.nextAttemptAt} suffix /></> : null}{d.deliveredAt ? <> · delivered <DateTime value={d.deliveredAt} suffix /></> : null}</dd>
          <dt className="text-slate-600">Last answer</dt>
          <dd data-testid="delivery-last-answer">{last ? `${last.statusCode === null ? "no HTTP answer" : `HTTP ${last.statusCode}`}${last.latencyMs === null ? "" : ` in ${last.latencyMs} ms`}${last.error ? `: ${last.error}` : ""}` : "not attempted yet"}</dd>
        </dl>
        {d.attempts.length > 0 ? (
          <details className="mt-2 text-sm">
            <summary className="cursor-pointer text-slate-700">Attempts and answers</summary>
            <ul className="mt-2 space-y-2">
              {d.attempts.map((a) => (
                <li key={a.id} className="rounded border border-slate-100 bg-slate-50 p-2">
                  <p>#{a.attemptNumber} · <DateTime value={a.requestedAt} suffix /> · {a.statusCode ?? "no answer"}{a.latencyMs === null ? "" : ` · ${a.latencyMs} ms`}</p>
                  {a.error || a.responseExcerpt ? <pre className="mt-1 whitespace-pre-wrap break-all font-mono text-xs">{a.error ?? a.responseExcerpt}</pre> : null}
                </li>
              ))}
            </ul>
          </details>
        ) : null}
        <details className="mt-2 text-sm">
          <summary className="cursor-pointer text-emerald-800">Resend…</summary>
          <ActionForm action={resendWebhookAction} submitLabel="Resend event" tone="secondary" className="mt-2 space-y-2" testId="log-resend-form">
            <input type="hidden" name="deliveryId" value={d.id} />
            <ReasonField id={`log-resend-${d.id}`} />
          </ActionForm>
        </details>
      </Card>
    </li>
  );
}
