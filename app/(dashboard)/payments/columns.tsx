"use client";

import Link from "next/link";
import { createColumnHelper } from "@tanstack/react-table";
import type { DataTableFeatures } from "@/components/data-table/features";
import { Badge } from "@/components/ui/badge";
import { CopyButton } from "@/components/ui/copy-button";
import { DateTime } from "@/components/ui/date-time";
import { StatusBadge } from "@/components/ui/status-badge";
import { formatMoney } from "@/lib/dashboard/format-money";
import { formatPhone } from "@/lib/dashboard/format-phone";
import type { PaymentRow } from "@/lib/payments/payment-row";
import { PAYMENT_SORTS } from "@/lib/payments/payment-filter";

const helper = createColumnHelper<DataTableFeatures, PaymentRow>();
const sortable = new Set<string>(PAYMENT_SORTS);

/** The rails as finance staff name them. */
const PROVIDER_LABELS: Record<string, string> = { daraja_stk: "M-Pesa Kenya (Daraja)", vodacom_c2b: "M-Pesa Tanzania (Vodacom)" };

// Column ids equal the server's sort keys, so a header click maps straight onto `sort=`.

export const paymentColumns = helper.columns([
  helper.accessor("createdAt", {
    id: "created_at",
    header: "Created (EAT)",
    cell: (info) => <DateTime value={info.getValue()} stacked />,
  }),
  helper.accessor("status", {
    id: "status",
    header: "Status",
    cell: (info) => {
      const p = info.row.original;
      return (
        <span className="flex flex-wrap gap-1">
          <StatusBadge status={p.status} />
          {p.late ? <Badge tone="amber">Late</Badge> : null}
          {p.receiptMissing ? <Badge tone="amber" title="Settled by a status query, which gives no receipt">No receipt</Badge> : null}
          {p.outcomeUnknown ? <Badge tone="slate" title="The push request timed out">Outcome unknown</Badge> : null}
          {p.refundedAmount > 0 ? (
            <Badge tone="blue" title={`${formatMoney(p.refundedAmount, p.currency)} of ${formatMoney(p.amount, p.currency)} given back`}>
              {p.refundedAmount >= p.amount ? "Refunded" : "Partly refunded"}
            </Badge>
          ) : null}
        </span>
      );
    },
  }),
  helper.accessor("amount", {
    id: "amount",
    header: "Amount",
    // Each amount with its own currency: rows of KES and TZS are never one unit.
    cell: (info) => <span className="tabular-nums" data-testid="payment-amount">{formatMoney(info.getValue(), info.row.original.currency)}</span>,
  }),
  // The customer page is addressed by this payment's id: a phone number never goes into a URL.
  helper.accessor("phone", {
    id: "phone",
    header: "Phone",
    enableSorting: false,
    cell: (info) => (
      <Link href={`/customers/${info.row.original.id}`} className="tabular-nums text-slate-800 underline decoration-slate-300 underline-offset-2 hover:decoration-emerald-700 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-emerald-600"
        data-testid="customer-link" title="This number's payments, totals and last seen">
        {formatPhone(info.getValue())}
      </Link>
    ),
  }),
  helper.accessor("reference", {
    id: "reference",
    header: "Reference",
    enableSorting: false,
    cell: (info) => (
      <Link href={`/payments/${info.row.original.id}`} className="font-medium text-emerald-800 underline-offset-2 hover:underline focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-emerald-600" data-testid="payment-link">
        {info.getValue()}
      </Link>
    ),
  }),
  helper.accessor("mpesaReceipt", {
    id: "receipt",
    header: "Receipt",
    enableSorting: false,
    cell: (info) => {
      const receipt = info.getValue();
      return receipt ? <span className="inline-flex items-center"><span className="font-mono">{receipt}</span><CopyButton value={receipt} label={`receipt ${receipt}`} /></span> : <span className="font-mono">—</span>;
    },
  }),
  helper.accessor("storefrontName", { id: "storefront", header: "Storefront", enableSorting: false }),
  helper.accessor("currency", { id: "currency", header: "Currency", enableSorting: false, cell: (info) => <span data-testid="payment-currency">{info.getValue()}</span> }),
  helper.accessor("rail", { id: "provider", header: "Provider", enableSorting: false, cell: (info) => <span data-testid="payment-provider">{PROVIDER_LABELS[info.getValue()] ?? info.getValue()}</span> }),
  helper.accessor("id", {
    id: "id",
    header: "Payment id",
    enableSorting: false,
    cell: (info) => <span className="inline-flex items-center"><span className="font-mono text-xs text-slate-600">{info.getValue()}</span><CopyButton value={info.getValue()} label={`payment id ${info.getValue()}`} /></span>,
  }),
]).map((c) => ({ ...c, enableSorting: sortable.has(c.id ?? "") }));
