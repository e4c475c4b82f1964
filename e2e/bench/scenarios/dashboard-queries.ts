import { findPayments } from "@/lib/payments/find-payments";
import { paymentCursorOf } from "@/lib/payments/payment-cursor";
import { getOverview } from "@/lib/payments/get-overview";
import { describeResultCode } from "@/lib/rails/daraja/result-codes";
import { parsePaymentSearch } from "@/lib/dashboard/payment-search-params";
import { formatEatDate } from "../eat-date";
import type { PaymentStatus, PrismaClient } from "@/lib/generated/prisma/client";
import type { Scenario } from "../context";
import { createBenchStorefront } from "../fixtures";
import { ensureSeeded, seededRow } from "../seed-payments";
import { percentile, timeRuns } from "../stats";
import { verdict, type TargetName } from "../targets";

export const MILLION = 1_000_000;

/** Scenario 4: the dashboard's table, search and overview queries over a million payments. */
export const dashboardQueries: Scenario = {
  name: "dashboard",
  title: "Dashboard queries",
  async run({ stack, smoke, log, figure }) {
    const count = smoke ? 5_000 : MILLION;
    const seconds = await ensureSeeded(stack.db, async () => (await createBenchStorefront(stack.db)).storefrontId, count);
    if (seconds !== null) {
      log(`seeded ${count.toLocaleString("en-US")} payments in ${seconds.toFixed(1)} s`);
      figure({ metric: `seed ${count.toLocaleString("en-US")} payments (generate_series)`, value: seconds, unit: "s" });
    }

    const known = seededRow(Math.floor(count / 2) + 1);
    const weekAgo = formatEatDate(new Date(Date.now() - 7 * 24 * 3600 * 1000));
    const deepPage = Math.floor(count / 25 / 10);
    // Page 4,000 as the table reaches it: Next links carry the cursor of the previous page's last row.
    const deepCursor = await cursorBefore(stack.db, (deepPage - 1) * 25);
    const queries: { name: string; target?: TargetName; run: () => Promise<unknown> }[] = [
      { name: "first page", target: "pageP95", run: () => findPayments(stack.db, { search: parsePaymentSearch({}), mode: "live" }) },
      { name: "filtered page (failed, last 7 days)", target: "pageP95", run: () => findPayments(stack.db, { search: parsePaymentSearch({ status: "FAILED", from: weekAgo }), mode: "live" }) },
      { name: `deep page (page ${deepPage}, by its cursor)`, target: "pageP95", run: () => findPayments(stack.db, { search: parsePaymentSearch({ page: String(deepPage), after: deepCursor }), mode: "live" }) },
      { name: `deep page (page ${deepPage}, by page number: OFFSET, old links)`, run: () => findPayments(stack.db, { search: parsePaymentSearch({ page: String(deepPage) }), mode: "live" }) },
      { name: "search by receipt", target: "pageP95", run: () => findPayments(stack.db, { search: parsePaymentSearch({ q: known.receipt }), mode: "live" }) },
      { name: "search by phone suffix (6 digits)", target: "pageP95", run: () => findPayments(stack.db, { search: parsePaymentSearch({ q: known.phone.slice(-6) }), mode: "live" }) },
      { name: "search by reference", target: "pageP95", run: () => findPayments(stack.db, { search: parsePaymentSearch({ q: known.reference }), mode: "live" }) },
      { name: "overview (daily rollup)", target: "overviewP95", run: () => getOverview(stack.db, { mode: "live", describeResultCode }) },
    ];
    const [byCursor, byOffset] = await Promise.all([queries[2]!.run(), queries[3]!.run()]) as { data: { id: string }[] }[];
    if (byCursor!.data.map((p) => p.id).join() !== byOffset!.data.map((p) => p.id).join()) throw new Error(`page ${deepPage} by cursor differs from page ${deepPage} by OFFSET`);
    const found = await findPayments(stack.db, { search: parsePaymentSearch({ q: known.receipt }), mode: "live" });
    if (found.total !== 1) throw new Error(`search by receipt found ${found.total} payments instead of 1`);
    for (const q of queries) {
      const times = await timeRuns(q.run, smoke ? 3 : 25);
      const p95 = percentile(times, 95);
      log(`${q.name}: p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms`);
      const aim = q.target === undefined ? {} : verdict(q.target, p95);
      figure({ metric: `${q.name} p95`, value: p95, unit: "ms", ...aim, note: `p50 ${percentile(times, 50).toFixed(1)} ms` });
    }
  },
};

/** The cursor of the row at `offset` in the table's default order (newest first), found once, untimed. */
async function cursorBefore(db: PrismaClient, offset: number): Promise<string> {
  const [row] = await db.$queryRaw<{ id: string; created_at: Date; amount: number; status: PaymentStatus }[]>`
    SELECT id, created_at, amount, status FROM payments WHERE mode = 'LIVE' ORDER BY created_at DESC, id DESC OFFSET ${offset - 1} LIMIT 1`;
  if (!row) throw new Error(`no payment at position ${offset}`);
  return paymentCursorOf("created_at", { id: row.id, createdAt: row.created_at, amount: row.amount, status: row.status });
}
