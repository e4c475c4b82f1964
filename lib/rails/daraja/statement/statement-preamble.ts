import { parseEatDateTime } from "../eat-time";
import { parseAmountMinor } from "../money";

/**
 * Layout A's preamble: label/value cells above the header row, e.g.
 * `Short Code:,600984`, `Time Period:,From,01-10-2026 00:00:00,To,01-10-2026 23:59:59`,
 * `Opening Balance:,10000.00,Closing Balance:,0.00,…`. Its length is not guaranteed, so every row
 * before the header is read as "Label:" followed by its value; unknown labels are ignored.
 */
export interface StatementHeader {
  accountHolder: string | null;
  shortCode: string | null;
  account: string | null;
  periodFrom: Date | null;
  periodTo: Date | null;
  operator: string | null;
  organization: string | null;
  reportDate: Date | null;
  openingBalanceMinor: number | null;
  closingBalanceMinor: number | null;
  availableBalanceMinor: number | null;
  totalPaidInMinor: number | null;
  /** As printed: negative in layout A. */
  totalWithdrawnMinor: number | null;
}

export function emptyHeader(): StatementHeader {
  return {
    accountHolder: null, shortCode: null, account: null, periodFrom: null, periodTo: null, operator: null, organization: null,
    reportDate: null, openingBalanceMinor: null, closingBalanceMinor: null, availableBalanceMinor: null, totalPaidInMinor: null,
    totalWithdrawnMinor: null,
  };
}

const label = (cell: string) => cell.trim().replace(/:$/, "").toLowerCase().replace(/[^a-z]/g, "");

/** Adds what one preamble row says to `header`. */
export function readPreambleRow(header: StatementHeader, fields: readonly string[]): void {
  for (let i = 0; i < fields.length; i++) {
    const cell = fields[i] ?? "";
    if (!cell.trim().endsWith(":")) continue;
    const value = (fields[i + 1] ?? "").trim();
    const text = value === "" ? null : value;
    switch (label(cell)) {
      case "accountholder": header.accountHolder = text; break;
      case "shortcode": header.shortCode = text && /^\d{5,9}$/.test(text) ? text : null; break;
      case "account": header.account = text; break;
      case "operator": header.operator = text; break;
      case "organization": case "organisation": header.organization = text; break;
      case "dateofreport": header.reportDate = parseEatDateTime(value); break;
      case "openingbalance": header.openingBalanceMinor = parseAmountMinor(value); break;
      case "closingbalance": header.closingBalanceMinor = parseAmountMinor(value); break;
      case "availablebalance": header.availableBalanceMinor = parseAmountMinor(value); break;
      case "totalpaidin": header.totalPaidInMinor = parseAmountMinor(value); break;
      case "totalwithdrawn": header.totalWithdrawnMinor = parseAmountMinor(value); break;
      case "timeperiod": readPeriod(header, fields.slice(i + 1)); break;
    }
  }
}

function readPeriod(header: StatementHeader, rest: readonly string[]): void {
  const at = (word: string) => rest.findIndex((c) => c.trim().toLowerCase() === word);
  const from = at("from");
  const to = at("to");
  if (from >= 0) header.periodFrom = parseEatDateTime(rest[from + 1] ?? "");
  if (to >= 0) header.periodTo = parseEatDateTime(rest[to + 1] ?? "");
}
