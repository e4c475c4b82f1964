import { getDb } from "@/lib/db/client";
import { getDashboardMode } from "@/lib/dashboard/get-dashboard-mode";
import { withSession } from "@/lib/http/with-session";
import { dbModeOf } from "@/lib/payments/public-payment";
import { parseReconciliationSearch } from "@/lib/reconciliation/reconciliation-search-params";
import { streamExceptionsCsv } from "@/lib/reconciliation/stream-exceptions-csv";

export const dynamic = "force-dynamic";

// GET /api/exports/reconciliation?mode=&from=&to=&account= – the reconciliation screen's exceptions as CSV (finance and admins).
export const GET = withSession("exports.reconciliation", "user", async (_req, { searchParams }) => {
  const search = parseReconciliationSearch(searchParams, { now: new Date(), dashboardMode: await getDashboardMode() });
  const stream = streamExceptionsCsv(getDb(), { mode: dbModeOf(search.mode), from: search.from, to: search.to, accountId: search.accountId, day: search.day });
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="malipo-reconciliation-exceptions-${search.mode}-${search.from}-to-${search.to}.csv"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
});
