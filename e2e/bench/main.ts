// npm run bench [-- <scenario> …] [-- --smoke] – starts the stack, runs the scenarios, writes
// e2e/bench/reports/latest.{md,json} and prints the table.
import path from "node:path";
import type { BenchContext, Scenario } from "./context";
import { formatFigure, machineInfo, targetSummary, toMarkdown, writeReport, type Report } from "./report";
import { startStack } from "./stack";
import { callbackIngest } from "./scenarios/callback-ingest";
import { callbackToFinal } from "./scenarios/callback-to-final";
import { paymentCreation } from "./scenarios/payment-creation";
import { dashboardQueries } from "./scenarios/dashboard-queries";
import { csvExport } from "./scenarios/csv-export";
import { expirySweep } from "./scenarios/expiry-sweep";

/** In run order: the CSV scenario exports what the dashboard scenario seeded. */
export const SCENARIOS: Scenario[] = [callbackIngest, callbackToFinal, paymentCreation, dashboardQueries, expirySweep, csvExport];

export async function runBench(options: { names: string[]; smoke: boolean; reportDir: string; log?: (line: string) => void }): Promise<Report> {
  const log = options.log ?? ((line: string) => console.log(line));
  const unknown = options.names.filter((n) => !SCENARIOS.some((s) => s.name === n));
  if (unknown.length) throw new Error(`unknown scenario(s): ${unknown.join(", ")}; known: ${SCENARIOS.map((s) => s.name).join(", ")}`);
  const selected = options.names.length ? SCENARIOS.filter((s) => options.names.includes(s.name)) : SCENARIOS;
  const report: Report = { date: new Date().toISOString(), machine: machineInfo(), smoke: options.smoke, figures: [], series: {} };
  const stack = await startStack(log);
  try {
    for (const scenario of selected) {
      log(`\n— ${scenario.title} (${scenario.name})`);
      const started = Date.now();
      const ctx: BenchContext = {
        stack, smoke: options.smoke, log: (l) => log(`  ${l}`),
        figure: (f) => {
          report.figures.push({ scenario: scenario.title, ...f });
          if (f.met !== undefined) log(`  ${f.met ? "met" : "MISSED"}: ${f.metric} ${formatFigure(f.value)} ${f.unit} (target ${f.target ?? "?"})`);
        },
        series: (name, data) => (report.series[`${scenario.name}.${name}`] = data),
      };
      await scenario.run(ctx);
      log(`  done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    }
  } finally {
    await stack.stop();
  }
  await writeReport(report, options.reportDir);
  log(`\n${targetSummary(report)}`);
  return report;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const smoke = args.includes("--smoke");
  const report = await runBench({ names: args.filter((a) => !a.startsWith("--")), smoke, reportDir: path.join(import.meta.dirname, "reports") });
  console.log(`\n${toMarkdown(report)}`);
  process.exit(0);
}
