import { withSession } from "@/lib/http/with-session";
import { parseInput } from "@/lib/http/parse-input";
import { getDb } from "@/lib/db/client";
import { getDashboardMode } from "@/lib/dashboard/get-dashboard-mode";
import { parseDashboardMode } from "@/lib/dashboard/mode";
import { paymentUpdatesQuerySchema, paymentUpdatesResponseSchema, type PaymentUpdatesResponse } from "@/lib/dashboard/payment-updates";
import { findPaymentRows } from "@/lib/payments/find-payment-rows";

export const dynamic = "force-dynamic";

export type GetPaymentRowsResponse = PaymentUpdatesResponse;

// GET /api/dashboard/payment-rows?ids=pay_…,pay_…&mode=test – the payments table's rows again, for its refresh of waiting rows
export const GET = withSession("dashboard.payment_rows", "user", async (_req, { searchParams }) => {
  const { ids } = parseInput(paymentUpdatesQuerySchema, { ids: searchParams.get("ids") ?? "" });
  // The table names the mode of the rows it shows, so a switch in another tab cannot mix them.
  const mode = searchParams.has("mode") ? parseDashboardMode(searchParams.get("mode")) : await getDashboardMode();
  const body: GetPaymentRowsResponse = { data: await findPaymentRows(getDb(), { ids, mode }) };
  // Checked against the schema the browser reads it with (dates become ISO text in JSON).
  paymentUpdatesResponseSchema.parse(JSON.parse(JSON.stringify(body)));
  return Response.json(body, { headers: { "Cache-Control": "no-store" } });
});
