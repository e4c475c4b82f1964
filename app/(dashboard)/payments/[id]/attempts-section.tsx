import { Card } from "@/components/ui/card";
import { DateTime } from "@/components/ui/date-time";
import { StatusBadge } from "@/components/ui/status-badge";
import type { PaymentDetail } from "@/lib/payments/get-payment-detail";

/** Each push of the payment's prompt: the storefront's first, then every "send the prompt again". */
export function AttemptsSection({ attempts }: { attempts: PaymentDetail["attempts"] }) {
  return (
    <Card title={`Attempts (${attempts.length})`} id="attempts">
      {attempts.length === 0 ? <p className="text-sm text-slate-600">No prompt has been sent for this payment.</p> : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm" data-testid="attempts-table">
            <thead className="text-xs uppercase text-slate-600">
              <tr><th className="py-1 pr-3">#</th><th className="pr-3">Status</th><th className="pr-3">CheckoutRequestID</th><th className="pr-3">Result</th><th className="pr-3">Sent</th><th>Why</th></tr>
            </thead>
            <tbody>
              {attempts.map((a) => (
                <tr key={a.id} className="border-t border-slate-100" data-testid="attempt-row">
                  <td className="py-1.5 pr-3 font-medium">{a.sequence}</td>
                  <td className="pr-3" data-testid="attempt-status"><StatusBadge status={a.status} /></td>
                  <td className="pr-3 font-mono text-xs">{a.checkoutRequestId ?? "—"}</td>
                  <td className="pr-3">{a.resultCode ?? "—"}</td>
                  <td className="pr-3"><DateTime value={a.createdAt} suffix /></td>
                  <td>{a.sequence === 1 ? "the storefront's request" : a.reason ?? "sent again by an admin"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
