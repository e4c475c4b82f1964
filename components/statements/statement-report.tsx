import type { StatementImportReport } from "@/lib/statements/statement-import-report";
import { formatEat } from "@/lib/time/eat";

const TONE = { imported: "border-emerald-300 bg-emerald-50", already_imported: "border-sky-300 bg-sky-50", refused: "border-red-300 bg-red-50" } as const;
const when = (iso: string | null) => (iso ? `${formatEat(new Date(iso))} EAT` : "not stated");

/**
 * What one statement upload did: the sentence, the counts, and every rejected or flagged line with
 * its number and reason. `live` for the answer to an upload just made (announced to screen readers).
 */
export function StatementReport({ report, live = false }: { report: StatementImportReport; live?: boolean }) {
  const c = report.counts;
  return (
    <div className={`space-y-3 rounded-md border p-4 text-sm ${TONE[report.outcome]}`} data-testid="statement-report" data-outcome={report.outcome} role={live ? "status" : undefined}>
      <p className="font-medium text-slate-900" data-testid="statement-report-message">{report.message}</p>
      {c ? (
        <dl className="grid grid-cols-2 gap-x-4 gap-y-1 sm:grid-cols-4" data-testid="statement-report-counts">
          {([
            ["Lines read", c.read], ["Recorded", c.recorded], ["Already known", c.updated + c.alreadyKnown], ["Disagreeing", c.disagreements],
            ["Rejected", c.rejected], ["Charges skipped", c.skippedCharges], ["Internal transfers skipped", c.skippedInternal], ["Formulas kept as text", c.flagged],
          ] as const).map(([label, value]) => (
            <div key={label} className="flex justify-between gap-2"><dt className="text-slate-600">{label}</dt><dd className="tabular-nums font-medium" data-count={label}>{value}</dd></div>
          ))}
        </dl>
      ) : null}
      {report.layout ? (
        <p className="text-slate-700">File {report.fileName} (layout {report.layout}, shortcode {report.shortCode ?? "not stated"}), period {when(report.periodFrom)} to {when(report.periodTo)}. {report.coverage.note}</p>
      ) : null}
      {report.warnings.map((w) => <p key={w} className="text-amber-800">{w}</p>)}
      <IssueList title="Rejected lines (nothing of them was recorded)" issues={report.rejections.map((r) => ({ line: r.lineNumber, text: r.reason, excerpt: r.excerpt }))} testId="statement-rejections" />
      <IssueList title="Formulas kept as text" issues={report.flags.map((r) => ({ line: r.lineNumber, text: r.reason, excerpt: r.excerpt }))} testId="statement-flags" />
      <IssueList title="Disagreements with an earlier source" issues={report.disagreements.map((d) => ({ line: d.lineNumber, text: `${d.receipt}: ${d.disagreement}`, excerpt: "" }))} testId="statement-disagreements" />
    </div>
  );
}

function IssueList({ title, issues, testId }: { title: string; issues: { line: number; text: string; excerpt: string }[]; testId: string }) {
  if (issues.length === 0) return null;
  return (
    <details open data-testid={testId}>
      <summary className="cursor-pointer font-medium text-slate-800">{title} ({issues.length})</summary>
      <ul className="mt-1 space-y-1">
        {issues.map((i) => (
          <li key={`${i.line}-${i.text}`}><span className="font-mono">Line {i.line}</span>: {i.text}{i.excerpt ? <span className="block truncate font-mono text-xs text-slate-600">{i.excerpt}</span> : null}</li>
        ))}
      </ul>
    </details>
  );
}
