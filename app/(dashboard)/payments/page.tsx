import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { buttonClass } from "@/components/ui/styles";
import { requireUser } from "@/lib/auth/guards";
import { getDb } from "@/lib/db/client";
import { findPayments } from "@/lib/payments/find-payments";
import { getDashboardMode } from "@/lib/dashboard/get-dashboard-mode";
import { filterOf } from "@/lib/payments/payment-filter";
import { parsePaymentSearch, paymentSearchQuery } from "@/lib/dashboard/payment-search-params";
import type { RawSearchParams } from "@/lib/dashboard/search-params";
import { listStorefrontNames } from "@/lib/storefronts/find-storefronts";
import { PaymentsTable } from "./payments-table";
import { PaymentsToolbar } from "./toolbar";

export const metadata: Metadata = { title: "Payments" };

export default async function PaymentsPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  await requireUser("/payments");
  const search = parsePaymentSearch(await searchParams);
  const mode = await getDashboardMode();
  const db = getDb();
  const [result, storefronts] = await Promise.all([findPayments(db, { search, mode }), listStorefrontNames(db)]);
  // The export takes the same filter (not the page or order) and names its mode explicitly, so the
  // file matches this table even if the mode is switched in another tab meanwhile.
  const exportQuery = paymentSearchQuery({ ...filterOf(search) });
  const exportHref = `/api/exports/payments${exportQuery}${exportQuery ? "&" : "?"}mode=${mode}`;
  return (
    <>
      <PageHeader
        title="Payments"
        testId="payments-title"
        description="Times are East Africa Time (hover for UTC). Amounts are whole shillings."
        actions={<a href={exportHref} className={buttonClass.secondary} data-testid="export-csv" download>Export CSV ({result.totalIsLowerBound ? `${(result.total - 1).toLocaleString("en-US")}+` : result.total.toLocaleString("en-US")})</a>}
      />
      <PaymentsToolbar search={search} storefronts={storefronts} />
      <PaymentsTable result={result} search={search} mode={mode} />
    </>
  );
}
