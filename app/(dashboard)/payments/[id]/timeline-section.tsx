import { Card } from "@/components/ui/card";
import { DateTime } from "@/components/ui/date-time";
import { JsonBlock } from "@/components/ui/raw-text-block";
import type { PaymentDetail } from "@/lib/payments/get-payment-detail";

/** The append-only timeline: transitions, callbacks, duplicates, status queries and admin actions. */
export function TimelineSection({ events }: { events: PaymentDetail["events"] }) {
  return (
    <Card title={`Timeline (${events.length})`} id="timeline">
      {events.length === 0 ? <p className="text-sm text-slate-600">No events recorded.</p> : (
        <ol className="space-y-3" data-testid="timeline">
          {events.map((e) => (
            <li key={e.id} className="rounded-md border border-slate-200 p-3" data-testid="timeline-event">
              <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
                <DateTime value={e.createdAt} suffix />
                <span className="font-semibold">{e.type}</span>
                <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">source: {e.source}</span>
                {e.fromStatus || e.toStatus ? <span className="text-slate-700">{e.fromStatus ?? "—"} → {e.toStatus ?? "—"}</span> : null}
                {e.actorEmail ? <span className="text-slate-600">by {e.actorEmail}</span> : null}
                {e.callbackLogId ? <a href={`/callbacks/${e.callbackLogId}`} className="text-emerald-800 underline-offset-2 hover:underline">callback #{e.callbackLogId}</a> : null}
              </div>
              {e.data !== null && e.data !== undefined ? (
                <details className="mt-2">
                  <summary className="cursor-pointer text-sm text-slate-700">Data</summary>
                  <div className="mt-2"><JsonBlock value={e.data} label={`Data of ${e.type} event`} /></div>
                </details>
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
