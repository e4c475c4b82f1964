import Link from "next/link";
import { Card } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { DateTime } from "@/components/ui/date-time";
import { JsonBlock } from "@/components/ui/raw-text-block";
import { formatMoney } from "@/lib/dashboard/format-money";
import { formatPhone } from "@/lib/dashboard/format-phone";
import type { PaymentDetail } from "@/lib/payments/get-payment-detail";
import { RESULT_CODES } from "@/lib/rails/daraja/result-codes";
import { describeVodacomCode } from "@/lib/rails/vodacom/rail-answers";

const PROVIDERS: Record<string, string> = { daraja_stk: "M-Pesa Kenya (Daraja STK Push)", vodacom_c2b: "M-Pesa Tanzania (Vodacom OpenAPI C2B)" };

type Payment = PaymentDetail["payment"];

/** Every field of the payment, as text. */
export function FieldsSection({ payment: p }: { payment: Payment }) {
  const text = (v: string | number | null | undefined) => (v === null || v === undefined || v === "" ? <span className="text-slate-500">—</span> : String(v));
  // A payment without an account is the environment's Daraja one (payments from before accounts).
  const rail = p.collectionAccount?.rail ?? "daraja_stk";
  const codeMeaning = !p.resultCode ? null
    : rail === "vodacom_c2b" ? describeVodacomCode(p.resultCode)
    : Object.hasOwn(RESULT_CODES, p.resultCode) ? RESULT_CODES[p.resultCode]!.reason : null;
  const copyable = (value: string | null, label: string, testId?: string) =>
    value ? <span className="inline-flex flex-wrap items-center"><span className="font-mono" data-testid={testId}>{value}</span><CopyButton value={value} label={label} /></span>
      : <span className="font-mono" data-testid={testId}>—</span>;
  const rows: [string, React.ReactNode][] = [
    ["Payment id", copyable(p.id, "payment id")],
    ["Storefront", <span key="sf" className="inline-flex flex-wrap items-center">{p.storefront.name} ({p.storefront.id})<CopyButton value={p.storefront.id} label="storefront id" /></span>],
    ["Mode", p.mode === "TEST" ? "Test" : "Live"],
    ["Collection account", <span key="acct" data-testid="payment-account">{p.collectionAccount ? `${p.collectionAccount.name} (${p.collectionAccount.id})` : "the environment's account of its mode"}</span>],
    ["Provider", <span key="rail" data-testid="payment-provider">{PROVIDERS[rail] ?? rail}</span>],
    ["Status", p.status],
    ["Currency", <span key="cur" data-testid="payment-currency">{p.currency}</span>],
    ["Amount requested", formatMoney(p.amount, p.currency)],
    ["Amount paid (M-Pesa)", p.mpesaAmount === null ? text(null) : formatMoney(p.mpesaAmount, p.currency)],
    ["Phone", <span key="ph">{formatPhone(p.phone)} · <Link href={`/customers/${p.id}`} className="text-emerald-800 underline underline-offset-2" data-testid="customer-page-link">this customer&apos;s payments</Link></span>],
    ["Phone (M-Pesa)", p.mpesaPhone ? `${formatPhone(p.mpesaPhone)}${p.phoneMismatch ? " (not the number prompted)" : ""}` : text(null)],
    ["Reference", text(p.reference)],
    ["Description", text(p.description)],
    ["M-Pesa receipt", copyable(p.mpesaReceipt, "M-Pesa receipt", "payment-receipt")],
    ["Result code", p.resultCode ? `${p.resultCode}${codeMeaning ? ` — ${codeMeaning}` : ""}` : text(null)],
    ["Result description (M-Pesa)", text(p.resultDesc)],
    ["Failure", p.failureCode ? `${p.failureCode}: ${p.failureMessage ?? ""}` : text(null)],
    ["Review reason", text(p.reviewReason)],
    ["MerchantRequestID", copyable(p.merchantRequestId, "MerchantRequestID")],
    ["CheckoutRequestID", copyable(p.checkoutRequestId, "CheckoutRequestID")],
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
