"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useTransition } from "react";
import { takeSearchFocusRequest } from "@/components/ui/search-shortcut";
import { CheckboxGroup } from "@/components/ui/checkbox-group";
import { buttonClass, inputClass, labelClass, linkClass } from "@/components/ui/styles";
import { PAYMENT_FLAGS, type PaymentSearch } from "@/lib/payments/payment-filter";
import { ALL_STATUSES } from "@/lib/payments/state";
import { parsePaymentSearch, paymentSearchQuery } from "@/lib/dashboard/payment-search-params";
import { PAGE_SIZES } from "@/lib/dashboard/search-params";

const FLAG_LABELS: Record<(typeof PAYMENT_FLAGS)[number], string> = {
  late: "Late (paid after expiry)",
  review: "Review (now or resolved)",
  receipt_missing: "Receipt missing",
  outcome_unknown: "Push outcome unknown",
  ledger_missing: "Missing from M-Pesa's ledger",
  refunded: "Refunded (in part or whole)",
  fully_refunded: "Refunded in full",
};

/** A date preset as the page offers it: its link keeps every other filter. */
export interface DatePresetLink {
  preset: string;
  label: string;
  href: string;
  active: boolean;
}

/**
 * Filters as a plain GET form: it works before JavaScript loads, and with it the same values are
 * parsed by the shared schema and pushed as a clean URL (page back to 1, order kept). Date presets
 * are links the server worked out in EAT, so they work without JavaScript too.
 */
export function PaymentsToolbar({ search, storefronts, currencies, datePresets }: {
  search: PaymentSearch; storefronts: { id: string; name: string }[]; currencies: readonly string[]; datePresets: DatePresetLink[];
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const searchRef = useRef<HTMLInputElement>(null);
  // "/" pressed on another page brought the user here to search.
  useEffect(() => {
    if (takeSearchFocusRequest()) searchRef.current?.focus();
  }, []);
  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const next = parsePaymentSearch(new URLSearchParams(new FormData(event.currentTarget) as unknown as Record<string, string>));
    startTransition(() => router.push(`/payments${paymentSearchQuery({ ...next, page: 1 })}`));
  };
  // Remount the form when the URL changes (back button), so inputs show the state in force.
  const key = paymentSearchQuery(search);
  return (
    <form key={key} method="get" action="/payments" onSubmit={onSubmit} role="search" aria-label="Filter payments"
      className="mb-4 space-y-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid="payments-filters">
      <input type="hidden" name="sort" value={search.sort} />
      <input type="hidden" name="dir" value={search.dir} />
      <div className="grid gap-3 md:grid-cols-2 lg:grid-cols-4">
        <div className="md:col-span-2">
          <div className="flex items-baseline justify-between gap-2">
            <label htmlFor="q" className={labelClass}>Search</label>
            <span className="hidden text-xs text-slate-500 sm:inline" aria-hidden="true">Press <kbd className="rounded border border-slate-300 bg-slate-50 px-1 font-mono">/</kbd> to search</span>
          </div>
          <input ref={searchRef} id="q" name="q" type="search" defaultValue={search.q} className={`${inputClass} mt-1`} data-search-shortcut aria-keyshortcuts="/"
            placeholder="Receipt, phone (0712…, +254…, last digits), reference, ws_CO_…, pay_…" />
        </div>
        <div>
          <label htmlFor="from" className={labelClass}>From (EAT date)</label>
          <input id="from" name="from" type="date" defaultValue={search.from ?? ""} className={`${inputClass} mt-1`} />
        </div>
        <div>
          <label htmlFor="to" className={labelClass}>To (EAT date, inclusive)</label>
          <input id="to" name="to" type="date" defaultValue={search.to ?? ""} className={`${inputClass} mt-1`} />
        </div>
        <div>
          <label htmlFor="storefront" className={labelClass}>Storefront</label>
          <select id="storefront" name="storefront" defaultValue={search.storefront ?? ""} className={`${inputClass} mt-1`}>
            <option value="">All storefronts</option>
            {storefronts.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="currency" className={labelClass}>Currency</label>
          <select id="currency" name="currency" defaultValue={search.currency ?? ""} className={`${inputClass} mt-1`}>
            <option value="">All currencies</option>
            {currencies.map((c) => <option key={c} value={c}>{c}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="min" className={labelClass}>Amount from (whole units)</label>
          <input id="min" name="min" type="number" min={0} step={1} inputMode="numeric" defaultValue={search.min ?? ""} className={`${inputClass} mt-1`} />
        </div>
        <div>
          <label htmlFor="max" className={labelClass}>Amount to (whole units)</label>
          <input id="max" name="max" type="number" min={0} step={1} inputMode="numeric" defaultValue={search.max ?? ""} className={`${inputClass} mt-1`} />
        </div>
        <div>
          <label htmlFor="pageSize" className={labelClass}>Rows per page</label>
          <select id="pageSize" name="pageSize" defaultValue={String(search.pageSize)} className={`${inputClass} mt-1`}>
            {PAGE_SIZES.map((n) => <option key={n} value={n}>{n}</option>)}
          </select>
        </div>
      </div>
      <nav aria-label="Date presets" className="flex flex-wrap items-center gap-2 text-sm" data-testid="date-presets">
        <span className="text-slate-700">Created:</span>
        {datePresets.map((p) => (
          <Link key={p.preset} href={p.href} aria-current={p.active ? "true" : undefined} data-testid={`preset-${p.preset}`}
            className={`rounded-full border px-3 py-1 font-medium focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-emerald-600 ${p.active ? "border-emerald-700 bg-emerald-700 text-white" : "border-slate-300 bg-white text-slate-800 hover:bg-slate-50"}`}>
            {p.label}
          </Link>
        ))}
      </nav>
      <div className="grid gap-3 md:grid-cols-2">
        <CheckboxGroup legend="Status" name="status" values={ALL_STATUSES} checked={search.status} />
        <CheckboxGroup legend="Flags" name="flags" values={PAYMENT_FLAGS} checked={search.flags} labelOf={(f) => FLAG_LABELS[f]} />
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className={buttonClass.primary} disabled={pending} data-testid="apply-filters">{pending ? "Filtering…" : "Apply filters"}</button>
        <Link href="/payments" className={linkClass}>Reset</Link>
      </div>
    </form>
  );
}
