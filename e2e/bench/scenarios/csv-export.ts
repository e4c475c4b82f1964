import { spawn } from "node:child_process";
import path from "node:path";
import type { Scenario } from "../context";
import { formatEatDate } from "../eat-date";
import { ROOT } from "../stack";
import { createBenchStorefront } from "../fixtures";
import { ensureSeeded } from "../seed-payments";
import { MILLION } from "./dashboard-queries";
import { verdict } from "../targets";

interface ExportResult { rows: number; bytes: number; ms: number; peakMiB: number }

function exportCsv(databaseUrl: string, params: Record<string, string>): Promise<ExportResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "e2e/bench/csv-export-process.ts"), JSON.stringify({ databaseUrl, params })], {
      cwd: ROOT, stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out) as ExportResult) : reject(new Error(`CSV export exited with ${code}`))));
  });
}

/**
 * Scenario 6: CSV export (COPY … TO STDOUT) of the whole seeded set (shared with the dashboard
 * scenario) against a tenth of it: rows/s, and peak memory of the exporting process, which must not
 * grow with rows.
 */
export const csvExport: Scenario = {
  name: "csv",
  title: "CSV export",
  async run({ stack, smoke, log, figure }) {
    const seeded = await ensureSeeded(stack.db, async () => (await createBenchStorefront(stack.db)).storefrontId, smoke ? 5_000 : MILLION);
    if (seeded !== null) log(`seeded payments in ${seeded.toFixed(1)} s`);
    const total = await stack.db.payment.count({ where: { mode: "LIVE" } });
    const threeDaysAgo = formatEatDate(new Date(Date.now() - 3 * 24 * 3600 * 1000));
    const small = await exportCsv(stack.databaseUrl, { from: threeDaysAgo });
    const large = await exportCsv(stack.databaseUrl, {});
    log(`${small.rows.toLocaleString("en-US")} rows: ${small.ms.toFixed(0)} ms, peak ${small.peakMiB.toFixed(0)} MiB`);
    log(`${large.rows.toLocaleString("en-US")} rows: ${large.ms.toFixed(0)} ms, peak ${large.peakMiB.toFixed(0)} MiB`);
    if (large.rows !== total) throw new Error(`the export wrote ${large.rows} rows for ${total} payments`);
    const rate = large.rows / (large.ms / 1000);
    figure({ metric: `export of ${large.rows.toLocaleString("en-US")} rows`, value: rate, unit: "rows/s", ...verdict("csvRowsPerSecond", rate), note: `${(large.bytes / 2 ** 20).toFixed(0)} MiB in ${(large.ms / 1000).toFixed(1)} s` });
    figure({ metric: `peak memory, ${small.rows.toLocaleString("en-US")} rows`, value: small.peakMiB, unit: "MiB" });
    figure({ metric: `peak memory, ${large.rows.toLocaleString("en-US")} rows`, value: large.peakMiB, unit: "MiB" });
    const growth = large.peakMiB / small.peakMiB;
    figure({ metric: "memory growth for 10× the rows", value: growth, unit: "×", ...verdict("csvMemoryGrowth", growth) });
  },
};
