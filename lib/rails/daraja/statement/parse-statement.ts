import { maskPhonesInText } from "@/lib/logger";
import { readCsvRecords } from "./csv-records";
import { isHeaderRow, mapColumns, shortCodeFromFileName, type ColumnMap, type StatementLayout } from "./statement-columns";
import { readStatementRow, type StatementLine } from "./statement-line";
import { emptyHeader, readPreambleRow, type StatementHeader } from "./statement-preamble";

/**
 * Reads an org portal statement export line by line, handing each good line to `onLine` (awaited,
 * so a slow consumer slows the reading instead of filling memory). A file that is not a statement
 * (no `Receipt No.` header within the first rows, missing or doubled columns) is refused before any
 * line; a bad line is reported with its number and reason and the rest goes on. Pure: it reads
 * the source and calls back, nothing else.
 */
export interface LineIssue {
  lineNumber: number;
  reason: string;
  /** The start of the row, phone numbers masked. */
  excerpt: string;
}

export type StatementReport =
  | {
      ok: true;
      layout: StatementLayout;
      header: StatementHeader;
      lines: number;
      rejected: number;
      /** The first `maxIssuesKept` rejections; `rejected` counts them all. */
      rejections: LineIssue[];
      flagged: number;
      flags: LineIssue[];
      unknownColumns: string[];
      totals: { paidInMinor: number; withdrawnMinor: number };
      /** The preamble's totals, and opening + paid in − withdrawn = closing, against the lines read; null when the file states none. */
      checks: { totalPaidIn: boolean | null; totalWithdrawn: boolean | null; balance: boolean | null };
    }
  | { ok: false; error: string; lineNumber: number | null };

export interface ParseStatementOptions {
  onLine: (line: StatementLine) => void | Promise<void>;
  /** Layout B has no preamble: its shortcode comes from the file name. */
  fileName?: string;
  maxIssuesKept?: number;
  /** How many rows may come before the header row. */
  maxPreambleRows?: number;
}

export async function parseStatement(
  source: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
  options: ParseStatementOptions,
): Promise<StatementReport> {
  const keep = options.maxIssuesKept ?? 1000;
  const maxPreamble = options.maxPreambleRows ?? 20;
  const header = emptyHeader();
  const rejections: LineIssue[] = [];
  const flags: LineIssue[] = [];
  let columns: ColumnMap | null = null;
  let preambleRows = 0;
  let lines = 0, rejected = 0, flagged = 0, paidIn = 0, withdrawn = 0;
  const issue = (list: LineIssue[], lineNumber: number, reason: string, fields: readonly string[]) => {
    if (list.length < keep) list.push({ lineNumber, reason, excerpt: maskPhonesInText(fields.join(",")).slice(0, 160) });
  };

  for await (const batch of readCsvRecords(source)) {
    for (const event of batch) {
      if (event.type === "broken") {
        if (!columns) return { ok: false, error: `Line ${event.line}: ${event.reason} before the header row`, lineNumber: event.line };
        rejected += 1;
        issue(rejections, event.line, event.reason, []);
        continue;
      }
      const { fields, line } = event;
      if (fields.every((f) => f.trim() === "")) continue;
      if (!columns) {
        if (isHeaderRow(fields)) {
          const mapped = mapColumns(fields);
          if (!mapped.ok) return { ok: false, error: `Line ${line}: ${mapped.error}`, lineNumber: line };
          columns = mapped.columns;
        } else if (++preambleRows > maxPreamble) {
          return { ok: false, error: `No "Receipt No." header row in the first ${maxPreamble} rows: this is not an M-Pesa statement export`, lineNumber: null };
        } else readPreambleRow(header, fields);
        continue;
      }
      const row = readStatementRow(fields, columns, line);
      if (!row.ok) {
        rejected += 1;
        issue(rejections, line, row.reason, fields);
        continue;
      }
      const l = row.line;
      if (l.formulaColumns.length > 0) {
        flagged += 1;
        issue(flags, line, `a formula in ${l.formulaColumns.join(", ")} was kept as text`, fields);
      }
      lines += 1;
      paidIn += l.paidInMinor;
      withdrawn += l.withdrawnMinor;
      // Await only a consumer that returns a promise: a microtask per line is most of the cost otherwise.
      const pending = options.onLine(l);
      if (pending) await pending;
    }
  }
  if (!columns) return { ok: false, error: 'No "Receipt No." header row: this is not an M-Pesa statement export', lineNumber: null };
  header.shortCode ??= options.fileName ? shortCodeFromFileName(options.fileName) : null;
  return {
    ok: true, layout: columns.layout, header, lines, rejected, rejections, flagged, flags, unknownColumns: columns.unknown,
    totals: { paidInMinor: paidIn, withdrawnMinor: withdrawn },
    checks: {
      totalPaidIn: header.totalPaidInMinor === null ? null : header.totalPaidInMinor === paidIn,
      totalWithdrawn: header.totalWithdrawnMinor === null ? null : Math.abs(header.totalWithdrawnMinor) === withdrawn,
      balance: header.openingBalanceMinor === null || header.closingBalanceMinor === null
        ? null
        : header.openingBalanceMinor + paidIn - withdrawn === header.closingBalanceMinor,
    },
  };
}

/** Convenience for small inputs (tests, a pasted sample): every good line in memory. */
export async function parseStatementText(text: string, options: Omit<ParseStatementOptions, "onLine"> = {}): Promise<{ report: StatementReport; lines: StatementLine[] }> {
  const lines: StatementLine[] = [];
  const report = await parseStatement([text], { ...options, onLine: (line) => void lines.push(line) });
  return { report, lines };
}
