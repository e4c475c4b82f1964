import { Card } from "@/components/ui/card";
import { DateTime } from "@/components/ui/date-time";
import { JsonBlock, RawTextBlock } from "@/components/ui/raw-text-block";
import { OutcomeBadge } from "@/components/ui/status-badge";
import type { PaymentDetail } from "@/lib/payments/get-payment-detail";

/** Every request that reached the callback endpoint for this payment, with its raw body. */
export function CallbacksSection({ callbacks }: { callbacks: PaymentDetail["callbacks"] }) {
  return (
    <Card title={`Callbacks received (${callbacks.length})`} id="callbacks">
      {callbacks.length === 0 ? <p className="text-sm text-slate-600">No callback has reached Malipo for this payment.</p> : (
        <ol className="space-y-4">
          {callbacks.map((c) => (
            <li key={c.id} className="rounded-md border border-slate-200 p-3" data-testid="callback-entry">
              <div className="mb-2 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
                <a href={`/callbacks/${c.id}`} className="font-semibold text-emerald-800 underline-offset-2 hover:underline">#{c.id}</a>
                <DateTime value={c.receivedAt} suffix />
                <OutcomeBadge outcome={c.outcome} />
                <span>from {c.sourceIp} ({c.ipAllowed ? "address allowed" : "address not on the list"}, {c.tokenValid ? "token valid" : "token invalid"})</span>
                {c.error ? <span className="text-red-800">{c.error}</span> : null}
              </div>
              <h3 className="mb-1 text-xs font-semibold uppercase text-slate-600">Raw body</h3>
              <RawTextBlock text={c.body} label={`Raw body of callback ${c.id}`} />
              <details className="mt-2">
                <summary className="cursor-pointer text-sm text-slate-700">Headers</summary>
                <div className="mt-2"><JsonBlock value={c.headers} label={`Headers of callback ${c.id}`} /></div>
              </details>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
