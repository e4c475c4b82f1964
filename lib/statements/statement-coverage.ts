import type { StatementReport } from "@/lib/rails/daraja/statement/parse-statement";

/**
 * Whether a statement's period may count as ledger coverage (a stretch for which M-Pesa's own
 * list has been read whole, so a succeeded payment missing from it is suspicious). Only a
 * statement that states its period, had no rejected line and whose stated totals and balance
 * agree with the rows read: anything less might be missing lines, and would flag payments wrongly.
 */
export function describeCoverage(report: Extract<StatementReport, { ok: true }>, rejected: number): { recorded: boolean; note: string } {
  const { periodFrom, periodTo } = report.header;
  if (!periodFrom || !periodTo) return { recorded: false, note: "Partial: the statement states no period (Time Period), so it covers no stretch of time." };
  if (periodTo.getTime() < periodFrom.getTime()) return { recorded: false, note: "Partial: the statement's period ends before it starts." };
  if (rejected > 0) return { recorded: false, note: `Partial: ${rejected} rejected line${rejected === 1 ? "" : "s"}, so the period may be missing payments and does not count as covered.` };
  const failed = Object.entries(report.checks).filter(([, ok]) => ok === false).map(([name]) => CHECK_NAMES[name as keyof typeof report.checks]);
  if (failed.length > 0) return { recorded: false, note: `Partial: ${failed.join(" and ")} do${failed.length === 1 ? "es" : ""} not add up, so lines may be missing.` };
  return { recorded: true, note: "Read whole: its period counts as covered by the statement." };
}

const CHECK_NAMES = { totalPaidIn: "the stated Total Paid In", totalWithdrawn: "the stated Total Withdrawn", balance: "opening balance + paid in − withdrawn = closing balance" } as const;
