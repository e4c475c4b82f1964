import { Card } from "@/components/ui/card";
import { DateTime } from "@/components/ui/date-time";
import { JsonBlock } from "@/components/ui/raw-text-block";
import { formatKes } from "@/lib/dashboard/format-money";
import { formatPhone } from "@/lib/dashboard/format-phone";
import type { PaymentDetail } from "@/lib/payments/get-payment-detail";
import { RESULT_CODES } from "@/lib/mpesa/result-codes";

type Payment = PaymentDetail["payment"];

/** Every field of the payment, as text. */
export function FieldsSection({ payment: p }: { payment: Payment }) {
  const text = (v: string | number | null | undefined) => (v === null || v === undefined || v === "" ? <span className="text-slate-500">—</span> : String(v));
  const codeMeaning = p.resultCode && Object.hasOwn(RESULT_CODES, p.resultCode) ? RESULT_CODES[p.resultCode]!.reason : null;
  const rows: [string, React.ReactNode][] = [
    ["Payment id", <span key="id" className="font-mono">{p.id}</span>],
    ["Storefront", `${p.storefront.name} (${p.storefront.id})`],
    ["Mode", p.mode === "TEST" ? "Test" : "Live"],
    ["Collection account", <span key="acct" data-testid="payment-account">{p.collectionAccount ? `${p.collectionAccount.name} (${p.collectionAccount.id})` : "the environment's account of its mode"}</span>],
    ["Status", p.status],
    ["Amount requested", formatKes(p.amount)],
    ["Amount paid (M-Pesa)", p.mpesaAmount === null ? text(null) : formatKes(p.mpesaAmount)],
    ["Phone", formatPhone(p.phone)],
    ["Phone (M-Pesa)", p.mpesaPhone ? `${formatPhone(p.mpesaPhone)}${p.phoneMismatch ? " (not the number prompted)" : ""}` : text(null)],
    ["Reference", text(p.reference)],
    ["Description", text(p.description)],
    ["M-Pesa receipt", <span key="r" className="font-mono" data-testid="payment-receipt">{p.mpesaReceipt ?? "—"}</span>],
    ["Result code", p.resultCode ? `${p.resultCode}${codeMeaning ? ` — ${codeMeaning}` : ""}` : text(null)],
    ["Result description (M-Pesa)", text(p.resultDesc)],
    ["Failure", p.failureCode ? `${p.failureCode}: ${p.failureMessage ?? ""}` : text(null)],
    ["Review reason", text(p.reviewReason)],
    ["MerchantRequestID", <span key="m" className="font-mono">{p.merchantRequestId ?? "—"}</span>],
    ["CheckoutRequestID", <span key="c" className="font-mono">{p.checkoutRequestId ?? "—"}</span>],
    ["Transaction date (M-Pesa)", <DateTime key="t" value={p.transactionDate} suffix />],
    ["Flags", [p.late && "late", p.receiptMissing && "receipt missing", p.outcomeUnknown && "push outcome unknown", p.phoneMismatch && "paid from another phone"].filter(Boolean).join(", ") || "none"],
    ["Status queries", `${p.queryCount}${p.lastQueriedAt ? "" : " (none yet)"}`],
    ["Last queried", <DateTime key="lq" value={p.lastQueriedAt} suffix />],
    ["Next query", <DateTime key="nq" value={p.nextQueryAt} suffix />],
    ["Created", <DateTime key="cr" value={p.createdAt} suffix />],
    ["Accepted by Daraja", <DateTime key="ac" value={p.acceptedAt} suffix />],
    ["Completed", <DateTime key="co" value={p.completedAt} suffix />],
    ["Expires", <DateTime key="ex" value={p.expiresAt} suffix />],
    ["Updated", <DateTime key="up" value={p.updatedAt} suffix />],
  ];
  return (
    <Card title="Details" id="fields">
      <dl className="grid gap-x-4 gap-y-2 text-sm sm:grid-cols-[12rem_1fr]">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-slate-600">{label}</dt>
            <dd className="break-words">{value}</dd>
          </div>
        ))}
        <div className="contents">
          <dt className="text-slate-600">Metadata</dt>
          <dd><JsonBlock value={p.metadata} label="Payment metadata" /></dd>
        </div>
      </dl>
    </Card>
  );
}
