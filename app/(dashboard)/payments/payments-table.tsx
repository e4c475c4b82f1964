"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { DataTable, type DataTableSort } from "@/components/data-table/data-table";
import { Pagination } from "@/components/data-table/pagination";
import { EmptyState } from "@/components/ui/empty-state";
import { LiveRowsStatus } from "@/components/payments/live-rows-status";
import { useLivePaymentRows } from "@/components/payments/use-live-payment-rows";
import { linkClass } from "@/components/ui/styles";
import type { DashboardMode } from "@/lib/dashboard/mode";
import type { PaymentRow } from "@/lib/payments/payment-row";
import { PAYMENT_SORTS, type PaymentSearch, type PaymentSort } from "@/lib/payments/payment-filter";
import { firstPageOf, hasActiveFilters, paymentSearchQuery } from "@/lib/dashboard/payment-search-params";
import type { PaymentPage } from "@/lib/payments/find-payments";
import { paymentColumns } from "./columns";

const getRowId = (p: PaymentRow) => p.id;

/**
 * The payments page of rows the server chose; sorting and paging change the URL, and the server
 * answers. Rows waiting on M-Pesa refresh by themselves. `basePath` is the page the table sits on
 * (the payments page, or a customer's page, which shows the same table for one number).
 */
export function PaymentsTable({ result, search, mode, basePath = "/payments" }: { result: PaymentPage; search: PaymentSearch; mode: DashboardMode; basePath?: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const live = useLivePaymentRows(result.data, mode);
  const href = (state: PaymentSearch) => `${basePath}${paymentSearchQuery(state)}`;
  const onSortChange = ({ id, desc }: DataTableSort) => {
    if (!(PAYMENT_SORTS as readonly string[]).includes(id)) return;
    startTransition(() => router.push(href(firstPageOf({ ...search, sort: id as PaymentSort, dir: desc ? "desc" : "asc" }))));
  };

  if (result.total === 0) {
    return hasActiveFilters(search) ? (
      <EmptyState title="No payments match these filters">
        <Link href={basePath} className={linkClass}>Clear all filters</Link>
      </EmptyState>
    ) : (
      <EmptyState title={`No ${mode} payments yet`}>
        Payments appear here as soon as a storefront starts one through the API.{mode === "live" ? " Payments made with test keys show under “Switch to test”." : ""}
      </EmptyState>
    );
  }
  if (result.data.length === 0) {
    return (
      <EmptyState title={`Page ${result.page} is past the end`}>
        <Link href={href(firstPageOf(search))} className={linkClass}>Go to the first page</Link>
      </EmptyState>
    );
  }
  return (
    <>
      <LiveRowsStatus live={live} />
      <DataTable columns={paymentColumns} data={live.rows} getRowId={getRowId} caption="Payments" testId="payments-table" busy={pending}
        sort={{ id: search.sort, desc: search.dir === "desc" }} onSortChange={onSortChange} />
      <Pagination page={result.page} totalPages={result.totalPages} total={result.total} pageSize={result.pageSize} noun="payments" totalIsLowerBound={result.totalIsLowerBound}
        pageHref={() => href(firstPageOf(search))} links={pageLinks(result, search, href)} />
    </>
  );
}

/** Next and previous by keyset cursor; back to page 1 is the plain first page (no cursor). */
function pageLinks(result: PaymentPage, search: PaymentSearch, href: (state: PaymentSearch) => string) {
  const first = firstPageOf(search);
  return {
    next: result.next ? href({ ...first, page: result.page + 1, after: result.next }) : null,
    previous: result.previous ? href(result.page > 2 ? { ...first, page: result.page - 1, before: result.previous } : first) : null,
  };
}
