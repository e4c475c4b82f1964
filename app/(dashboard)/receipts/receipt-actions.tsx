import { ActionForm } from "@/components/ui/action-form";
import { ReasonField } from "@/components/ui/reason-field";
import { inputClass, labelClass } from "@/components/ui/styles";
import { attachReceiptAction, markReceiptDirectAction } from "@/lib/actions/c2b";

/** Attach to a payment (by its id) or mark as direct: finance and admins, each with a reason for the audit log. */
export function ReceiptActions({ receiptId }: { receiptId: string }) {
  const hidden = <input type="hidden" name="receiptId" value={receiptId} />;
  return (
    <div className="grid gap-3 md:grid-cols-2">
      <details>
        <summary className="cursor-pointer text-sm text-emerald-800">Attach to a payment…</summary>
        <ActionForm action={attachReceiptAction} submitLabel="Attach" pendingLabel="Attaching…" className="mt-2 space-y-2" testId="attach-receipt-form">
          {hidden}
          <div>
            <label htmlFor={`payment-${receiptId}`} className={labelClass}>Payment id</label>
            <input id={`payment-${receiptId}`} name="paymentId" required placeholder="pay_…" className={`${inputClass} mt-1 font-mono`} />
          </div>
          <ReasonField id={`attach-${receiptId}`} placeholder="Why this payment? (kept in the audit log)" />
        </ActionForm>
      </details>
      <details>
        <summary className="cursor-pointer text-sm text-emerald-800">Mark as a direct payment…</summary>
        <ActionForm action={markReceiptDirectAction} submitLabel="Mark direct" tone="secondary" className="mt-2 space-y-2" testId="direct-receipt-form">
          {hidden}
          <ReasonField id={`direct-${receiptId}`} />
        </ActionForm>
      </details>
    </div>
  );
}
