import { ActionForm } from "@/components/ui/action-form";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { DateTime } from "@/components/ui/date-time";
import { ReasonField } from "@/components/ui/reason-field";
import { inputClass, labelClass } from "@/components/ui/styles";
import { lookUpReceiptAction } from "@/lib/actions/initiator";
import type { ReceiptLookupView } from "@/lib/initiator-requests/find-receipt-lookups";

const STATE_TONES = { SENDING: "slate", QUEUED: "blue", UNKNOWN: "amber", REFUSED: "red", FAILED: "red", TIMED_OUT: "amber", ANSWERED: "green" } as const;
const STATE_WORDS = { SENDING: "Sending", QUEUED: "Waiting for M-Pesa", UNKNOWN: "Unknown", REFUSED: "Refused", FAILED: "Failed", TIMED_OUT: "Timed out", ANSWERED: "Answered" } as const;

/**
 * Ask M-Pesa's Transaction Status about a receipt (the customer's SMS, a statement line) and see
 * what it said. The answer goes into M-Pesa's ledger, where the usual rules decide what it does.
 */
/** A request still waiting this long has lost its result, most likely (M-Pesa never sends one twice). */
const NO_ANSWER_AFTER_MS = 5 * 60_000;

export function ReceiptLookupsSection({ paymentId, receipt, lookups, now }: { paymentId: string; receipt: string | null; lookups: ReceiptLookupView[]; now: Date }) {
  return (
    <Card title="Look up a receipt at M-Pesa" id="receipt-lookups">
      <div className="space-y-3 text-sm">
        <p className="text-slate-600">
          Asks M-Pesa&apos;s Transaction Status API, as the collection account&apos;s initiator. A completed transaction is recorded in
          M-Pesa&apos;s ledger: it fills in or settles this payment only if its amount and payer&apos;s number are this payment&apos;s.
        </p>
        <ActionForm action={lookUpReceiptAction} submitLabel="Ask M-Pesa" pendingLabel="Asking…" tone="secondary" className="space-y-2" testId="receipt-lookup-form">
          <input type="hidden" name="paymentId" value={paymentId} />
          <div>
            <label htmlFor="lookup-receipt" className={labelClass}>M-Pesa receipt</label>
            <input id="lookup-receipt" name="receipt" defaultValue={receipt ?? ""} required maxLength={20} pattern="[A-Za-z0-9]{8,20}" placeholder="UAB1C2D3E4" className={`${inputClass} mt-1 font-mono uppercase`} />
          </div>
          <ReasonField id="lookup-reason" />
        </ActionForm>
        {lookups.length ? (
          <ol className="space-y-2" data-testid="receipt-lookups">
            {lookups.map((l) => (
              <li key={l.id} className="rounded-md border border-slate-200 p-2" data-testid="receipt-lookup" data-state={l.state}>
                <div className="flex flex-wrap items-center gap-2">
                  <span className="font-mono">{l.receipt}</span>
                  <Badge tone={STATE_TONES[l.state]}>{STATE_WORDS[l.state]}</Badge>
                  <span className="text-slate-600">asked <DateTime value={l.createdAt} suffix /> by {l.requestedByEmail}</span>
                  {l.answeredAt ? <span className="text-slate-600">answered <DateTime value={l.answeredAt} suffix /></span> : null}
                </div>
                {l.summary ? <p className="mt-1" data-testid="receipt-lookup-summary">{l.summary}</p> : null}
                {(l.state === "QUEUED" || l.state === "UNKNOWN" || l.state === "SENDING") && now.getTime() - l.createdAt.getTime() > NO_ANSWER_AFTER_MS
                  ? <p className="mt-1 text-amber-800">No answer has come: M-Pesa may have lost it. Ask again.</p> : null}
              </li>
            ))}
          </ol>
        ) : null}
      </div>
    </Card>
  );
}
