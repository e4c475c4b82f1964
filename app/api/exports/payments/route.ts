import { withSession } from "@/lib/http/with-session";
import { getEnv } from "@/lib/env";
import { eatDateOf } from "@/lib/time/eat";
import { getDashboardMode } from "@/lib/dashboard/get-dashboard-mode";
import { parseDashboardMode } from "@/lib/dashboard/mode";
import { filterOf } from "@/lib/payments/payment-filter";
import { parsePaymentSearch } from "@/lib/dashboard/payment-search-params";
import { streamPaymentsCsv } from "@/lib/payments/stream-payments-csv";

export const dynamic = "force-dynamic";

// GET /api/exports/payments – the payments table's whole filtered set as CSV (finance and admin).
export const GET = withSession("exports.payments", "user", async (_req, { searchParams }) => {
  // The table's link names its mode; a hand-made URL without one gets the user's current choice.
  const mode = searchParams.has("mode") ? parseDashboardMode(searchParams.get("mode")) : await getDashboardMode();
  const filter = filterOf(parsePaymentSearch(searchParams));
  return new Response(streamPaymentsCsv(getEnv().database.url, { filter, mode }), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="malipo-payments-${mode}-${eatDateOf(new Date())}.csv"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
});
