import { Card } from "@/components/ui/card";
import { DateTime } from "@/components/ui/date-time";
import { JsonBlock } from "@/components/ui/raw-text-block";
import type { PaymentDetail } from "@/lib/payments/get-payment-detail";

/** Who changed this payment by hand, and why. */
export function AuditSection({ rows }: { rows: PaymentDetail["audit"] }) {
  return (
    <Card title={`Admin actions (${rows.length})`} id="audit">
      {rows.length === 0 ? <p className="text-sm text-slate-600">No admin has acted on this payment.</p> : (
        <ol className="space-y-3" data-testid="payment-audit">
          {rows.map((a) => (
            <li key={a.id} className="rounded-md border border-slate-200 p-3 text-sm" data-testid="payment-audit-row">
              <div className="flex flex-wrap gap-x-3">
                <DateTime value={a.createdAt} suffix />
                <span className="font-semibold">{a.action}</span>
                <span>by {a.actorEmail}</span>
              </div>
              <p className="mt-1"><span className="text-slate-600">Reason:</span> {a.reason ?? "—"}</p>
              <div className="mt-2 grid gap-2 sm:grid-cols-2">
                <div><h3 className="text-xs font-semibold uppercase text-slate-600">Before</h3><JsonBlock value={a.before} label="Before" /></div>
                <div><h3 className="text-xs font-semibold uppercase text-slate-600">After</h3><JsonBlock value={a.after} label="After" /></div>
              </div>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
