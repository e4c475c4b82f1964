import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { buttonClass } from "@/components/ui/styles";
import { requireUser } from "@/lib/auth/guards";
import { getDb } from "@/lib/db/client";
import { KNOWN_CURRENCIES } from "@/lib/collection-accounts/route-payment";
import { findPayments } from "@/lib/payments/find-payments";
import { getDashboardMode } from "@/lib/dashboard/get-dashboard-mode";
import { filterOf } from "@/lib/payments/payment-filter";
import { parsePaymentSearch, paymentSearchQuery, withFilters } from "@/lib/dashboard/payment-search-params";
import type { RawSearchParams } from "@/lib/dashboard/search-params";
import { findSavedViews } from "@/lib/saved-views/find-saved-views";
import { listStorefrontNames } from "@/lib/storefronts/find-storefronts";
import { DATE_PRESETS, DATE_PRESET_LABELS, datePresetRange, presetOfRange } from "@/lib/time/date-presets";
import { PaymentsTable } from "./payments-table";
import { SavedViews } from "./saved-views";
import { PaymentsToolbar } from "./toolbar";

export const metadata: Metadata = { title: "Payments" };

export default async function PaymentsPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const user = await requireUser("/payments");
  const search = parsePaymentSearch(await searchParams);
  const mode = await getDashboardMode();
  const db = getDb();
  // One instant for the whole page: presets and saved views agree on what "today" is.
  const now = new Date();
  const [result, storefronts, views] = await Promise.all([
    findPayments(db, { search, mode }),
    listStorefrontNames(db),
    findSavedViews(db, { userId: user.id, page: "payments", now }),
  ]);
  // The export takes the same filter (not the page or order) and names its mode explicitly, so the
  // file matches this table even if the mode is switched in another tab meanwhile.
  const exportQuery = paymentSearchQuery({ ...filterOf(search) });
  const exportHref = `/api/exports/payments${exportQuery}${exportQuery ? "&" : "?"}mode=${mode}`;
  const activePreset = presetOfRange(search, now);
  const datePresets = DATE_PRESETS.map((preset) => ({
    preset,
    label: DATE_PRESET_LABELS[preset],
    href: `/payments${paymentSearchQuery(withFilters(search, datePresetRange(preset, now)))}`,
    active: preset === activePreset,
  }));
  return (
    <>
      <PageHeader
        title="Payments"
        testId="payments-title"
        description="Times are East Africa Time (hover for UTC). Amounts are whole shillings."
        actions={<a href={exportHref} className={buttonClass.secondary} data-testid="export-csv" download>Export CSV ({result.totalIsLowerBound ? `${(result.total - 1).toLocaleString("en-US")}+` : result.total.toLocaleString("en-US")})</a>}
      />
      <SavedViews views={views} currentQuery={paymentSearchQuery({ ...search, page: 1 })} currentPreset={activePreset ? DATE_PRESET_LABELS[activePreset] : null} />
      <PaymentsToolbar search={search} storefronts={storefronts} currencies={KNOWN_CURRENCIES} datePresets={datePresets} />
      <PaymentsTable result={result} search={search} mode={mode} />
    </>
  );
}
