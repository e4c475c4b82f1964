import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CopyButton } from "@/components/ui/copy-button";
import { EmptyState } from "@/components/ui/empty-state";
import { linkClass } from "@/components/ui/styles";
import { requireUser } from "@/lib/auth/guards";
import { getCustomerOrThrow } from "@/lib/customers/get-customer-or-throw";
import { getCustomerSummary } from "@/lib/customers/get-customer-summary";
import { getDashboardMode } from "@/lib/dashboard/get-dashboard-mode";
import { formatPhone } from "@/lib/dashboard/format-phone";
import { parsePaymentSearch } from "@/lib/dashboard/payment-search-params";
import type { RawSearchParams } from "@/lib/dashboard/search-params";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { findPayments } from "@/lib/payments/find-payments";
import type { PaymentSearch } from "@/lib/payments/payment-filter";
import { PaymentsTable } from "../../payments/payments-table";
import { CustomerFigures } from "./customer-figures";

// The tab's title and the browser's history show no phone number either.
export const metadata: Metadata = { title: "Customer" };

export default async function CustomerPage({ params, searchParams }: { params: Promise<{ paymentId: string }>; searchParams: Promise<RawSearchParams> }) {
  const { paymentId } = await params;
  await requireUser(`/customers/${encodeURIComponent(paymentId)}`);
  const db = getDb();
  const customer = await getCustomerOrThrow(db, { paymentId }).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  const mode = await getDashboardMode();
  // Only the order and the page come from the URL: the rows are always this number's, in this mode.
  const asked = parsePaymentSearch(await searchParams);
  const search: PaymentSearch = { ...parsePaymentSearch({}), sort: asked.sort, dir: asked.dir, page: asked.page, pageSize: asked.pageSize };
  const [summary, result] = await Promise.all([
    getCustomerSummary(db, { phone: customer.phone, mode }),
    findPayments(db, { search: { ...search, phone: customer.phone }, mode }),
  ]);
  const phone = formatPhone(customer.phone);
  return (
    <>
      <p className="mb-2 text-sm"><Link href="/payments" className={linkClass}>← Payments</Link></p>
      <div className="mb-6">
        <p className="text-sm font-medium text-slate-600">Customer</p>
        <h1 className="flex flex-wrap items-center text-2xl font-semibold tabular-nums tracking-tight" data-testid="customer-title">
          <span data-testid="customer-phone">{phone}</span>
          <CopyButton value={customer.phone} label="phone number" />
        </h1>
        <p className="mt-1 text-sm text-slate-600">Every payment prompted to this number in {mode} mode. Times are East Africa Time.</p>
      </div>
      <CustomerFigures summary={summary} mode={mode} />
      <h2 className="mb-3 mt-8 text-lg font-semibold">Payments</h2>
      {summary.payments === 0 ? (
        <EmptyState title={`No ${mode} payments from this number`}>
          {summary.otherModePayments > 0 ? `It has ${summary.otherModePayments} ${mode === "live" ? "test" : "live"} payment${summary.otherModePayments === 1 ? "" : "s"}: switch to ${mode === "live" ? "test" : "live"} to see them.` : null}
        </EmptyState>
      ) : (
        <PaymentsTable result={result} search={search} mode={mode} basePath={`/customers/${customer.anchorPaymentId}`} />
      )}
    </>
  );
}
