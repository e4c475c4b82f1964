import type { LineIssue } from "@/lib/rails/daraja/statement/parse-statement";

/**
 * What an upload of a statement did, in the words the uploader reads: kept whole in
 * statement_imports.report and answered by POST /api/statements. Every count is of statement
 * rows (lines after the header); line numbers are the file's physical lines.
 */
export interface StatementImportCounts {
  /** Rows read well enough to use. */
  read: number;
  /** Ledger lines this file was the first source of. */
  recorded: number;
  /** Lines already in the ledger to which this file added something (a field, its name as a source, a disagreement). */
  updated: number;
  /** Lines already in the ledger exactly as this file tells them. */
  alreadyKnown: number;
  /** Lines where this file gives another amount or direction than an earlier source. */
  disagreements: number;
  /** Charge rows (twins of a payment's receipt): fees, not customer money. */
  skippedCharges: number;
  /** Sweeps between the organisation's own accounts. */
  skippedInternal: number;
  /** Rows not Completed, or moving no money. */
  skippedOther: number;
  /** Rows that could not be read (bad date, amount, receipt, cell count, currency): nothing of them was recorded. */
  rejected: number;
  /** Rows with a formula-like cell, kept as text and never evaluated. */
  flagged: number;
}

export interface StatementDisagreement {
  lineNumber: number;
  receipt: string;
  disagreement: string;
}

export interface StatementImportReport {
  /** imported: read into the ledger; already_imported: this file was read for this account before, nothing changed; refused: not read at all, nothing changed. */
  outcome: "imported" | "already_imported" | "refused";
  /** One sentence that says what happened. */
  message: string;
  importId: string | null;
  fileName: string;
  bytes: number;
  sha256: string | null;
  layout: string | null;
  shortCode: string | null;
  periodFrom: string | null;
  periodTo: string | null;
  counts: StatementImportCounts | null;
  /** The first rejections and flags, with line numbers and reasons (phone numbers masked). */
  rejections: LineIssue[];
  flags: LineIssue[];
  disagreements: StatementDisagreement[];
  /** The preamble's totals and the balance against the rows read: null when the file states none. */
  checks: { totalPaidIn: boolean | null; totalWithdrawn: boolean | null; balance: boolean | null } | null;
  /** Whether the statement's period now counts as covered by a complete ledger source, and why (not). */
  coverage: { recorded: boolean; note: string };
  /** Things the uploader should know that did not stop the import (unknown columns, a period the file does not state). */
  warnings: string[];
}

export function emptyCounts(): StatementImportCounts {
  return { read: 0, recorded: 0, updated: 0, alreadyKnown: 0, disagreements: 0, skippedCharges: 0, skippedInternal: 0, skippedOther: 0, rejected: 0, flagged: 0 };
}

/** A file that was not read: nothing changed, and the one reason says why. */
export function refusedReport(fileName: string, bytes: number, message: string, sha256: string | null = null): StatementImportReport {
  return {
    outcome: "refused", message, importId: null, fileName, bytes, sha256, layout: null, shortCode: null, periodFrom: null, periodTo: null,
    counts: null, rejections: [], flags: [], disagreements: [], checks: null,
    coverage: { recorded: false, note: "Nothing was read, so no period is covered." }, warnings: [],
  };
}

export function importMessage(counts: StatementImportCounts, coverageRecorded: boolean): string {
  const parts = [`${counts.read} lines read`, `${counts.recorded} recorded`, `${counts.updated + counts.alreadyKnown} already known`];
  if (counts.disagreements > 0) parts.push(`${counts.disagreements} disagreeing with an earlier source`);
  if (counts.rejected > 0) parts.push(`${counts.rejected} rejected`);
  const skipped = counts.skippedCharges + counts.skippedInternal + counts.skippedOther;
  if (skipped > 0) parts.push(`${skipped} skipped (charges, internal transfers, not completed)`);
  return `Statement imported: ${parts.join(", ")}. ${coverageRecorded ? "Its period counts as covered." : "Partial: its period does not count as covered."}`;
}
