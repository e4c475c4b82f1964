import { findPayments } from "@/lib/payments/find-payments";
import { getOverview } from "@/lib/payments/get-overview";
import { describeResultCode } from "@/lib/rails/daraja/result-codes";
import { parsePaymentSearch } from "@/lib/dashboard/payment-search-params";
import { formatEatDate } from "../eat-date";
import type { Scenario } from "../context";
import { createBenchStorefront } from "../fixtures";
import { ensureSeeded, seededRow } from "../seed-payments";
import { percentile, timeRuns } from "../stats";

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
    const queries: { name: string; target: number; run: () => Promise<unknown> }[] = [
      { name: "first page", target: 50, run: () => findPayments(stack.db, { search: parsePaymentSearch({}), mode: "live" }) },
      { name: "filtered page (failed, last 7 days)", target: 50, run: () => findPayments(stack.db, { search: parsePaymentSearch({ status: "FAILED", from: weekAgo }), mode: "live" }) },
      { name: `deep page (page ${deepPage})`, target: 50, run: () => findPayments(stack.db, { search: parsePaymentSearch({ page: String(deepPage) }), mode: "live" }) },
      { name: "search by receipt", target: 50, run: () => findPayments(stack.db, { search: parsePaymentSearch({ q: known.receipt }), mode: "live" }) },
      { name: "search by phone suffix (6 digits)", target: 50, run: () => findPayments(stack.db, { search: parsePaymentSearch({ q: known.phone.slice(-6) }), mode: "live" }) },
      { name: "search by reference", target: 50, run: () => findPayments(stack.db, { search: parsePaymentSearch({ q: known.reference }), mode: "live" }) },
      { name: "overview aggregates", target: 200, run: () => getOverview(stack.db, { mode: "live", describeResultCode }) },
    ];
    const found = await findPayments(stack.db, { search: parsePaymentSearch({ q: known.receipt }), mode: "live" });
    if (found.total !== 1) throw new Error(`search by receipt found ${found.total} payments instead of 1`);
    for (const q of queries) {
      const times = await timeRuns(q.run, smoke ? 3 : 25);
      const p95 = percentile(times, 95);
      log(`${q.name}: p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms`);
      figure({ metric: `${q.name} p95`, value: p95, unit: "ms", target: `≤ ${q.target} ms`, met: p95 <= q.target, note: `p50 ${percentile(times, 50).toFixed(1)} ms` });
    }
  },
};
