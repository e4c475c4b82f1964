import { ActionForm } from "@/components/ui/action-form";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { DateTime } from "@/components/ui/date-time";
import { JsonBlock } from "@/components/ui/raw-text-block";
import { ReasonField } from "@/components/ui/reason-field";
import { resendWebhookAction } from "@/lib/actions/webhooks";
import type { PaymentDetail } from "@/lib/payments/get-payment-detail";

const DELIVERY_TONE = { PENDING: "blue", SUCCEEDED: "green", FAILED: "red" } as const;

/**
 * Events for the storefront about this payment, each delivery and every attempt. What an endpoint
 * answered is shown to admins only (rendered on the server, so it never reaches anyone else): a
 * webhook URL is an admin's choice, and its answer is not finance's business.
 */
export function WebhooksSection({ webhookEvents, isAdmin }: { webhookEvents: PaymentDetail["webhookEvents"]; isAdmin: boolean }) {
  return (
    <Card title={`Storefront events (${webhookEvents.length})`} id="webhooks">
      {webhookEvents.length === 0 ? <p className="text-sm text-slate-600">No event has been queued for the storefront.</p> : (
        <ol className="space-y-4" data-testid="webhook-events">
          {webhookEvents.map((w) => (
            <li key={w.id} className="rounded-md border border-slate-200 p-3 text-sm" data-testid="webhook-event">
              <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
                <span className="font-semibold" data-testid="webhook-event-type">{w.type}</span>
                <span className="font-mono text-xs text-slate-600">{w.id}</span>
                <DateTime value={w.createdAt} suffix />
              </div>
              <details className="mt-2">
                <summary className="cursor-pointer text-slate-700">Payload</summary>
                <div className="mt-2"><JsonBlock value={w.payload} label={`Payload of ${w.id}`} /></div>
              </details>
              {w.deliveries.length === 0 ? <p className="mt-2 text-slate-600">No webhook endpoint was set for this mode: nothing to deliver.</p> : w.deliveries.map((d) => (
                <div key={d.id} className="mt-3 rounded border border-slate-100 bg-slate-50 p-2">
                  <div className="flex flex-wrap items-center gap-2">
                    <Badge tone={DELIVERY_TONE[d.status]}>{d.status.toLowerCase()}</Badge>
                    <span className="break-all">{d.endpoint.url}</span>
                    <span className="text-slate-600">{d.attemptCount} attempt{d.attemptCount === 1 ? "" : "s"}</span>
                    {d.nextAttemptAt && d.status === "PENDING" ? <span className="text-slate-600">next <DateTime value={d.nextAttemptAt} /></span> : null}
                  </div>
                  {d.attempts.length ? (
                    <div className="mt-2 overflow-x-auto">
                      <table className="min-w-full text-xs">
                        <caption className="sr-only">Delivery attempts</caption>
                        <thead><tr className="text-left text-slate-600"><th scope="col" className="pr-3">#</th><th scope="col" className="pr-3">When (EAT)</th><th scope="col" className="pr-3">HTTP</th><th scope="col" className="pr-3">Latency</th><th scope="col">Response / error</th></tr></thead>
                        <tbody>
                          {d.attempts.map((a) => (
                            <tr key={a.id} className="border-t border-slate-200 align-top">
                              <td className="pr-3">{a.attemptNumber}</td>
                              <td className="pr-3"><DateTime value={a.requestedAt} /></td>
                              <td className="pr-3">{a.statusCode ?? "—"}</td>
                              <td className="pr-3">{a.latencyMs === null ? "—" : `${a.latencyMs} ms`}</td>
                              <td className="max-w-md whitespace-pre-wrap break-all font-mono" data-testid="attempt-response">{a.error ?? (isAdmin ? a.responseExcerpt : a.responseExcerpt ? "(the answer is shown to admins only)" : null) ?? ""}</td>
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    </div>
                  ) : null}
                  {isAdmin ? (
                    <details className="mt-2">
                      <summary className="cursor-pointer text-emerald-800">Resend…</summary>
                      <ActionForm action={resendWebhookAction} submitLabel="Resend event" tone="secondary" className="mt-2 space-y-2" testId="resend-form">
                        <input type="hidden" name="deliveryId" value={d.id} />
                        <ReasonField id={`resend-${d.id}`} />
                      </ActionForm>
                    </details>
                  ) : null}
                </div>
              ))}
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
