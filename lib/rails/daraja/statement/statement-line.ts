import { parseEatDateTime } from "../eat-time";
import { parseAmountMinor } from "../money";
import { readMsisdn, type MsisdnEvidence } from "../msisdn-evidence";
import { COLUMN_LABELS, type ColumnKey, type ColumnMap } from "./statement-columns";

/**
 * One statement row, checked. Dates are EAT in the file (`dd-MM-yyyy HH:mm:ss`, `dd/MM/yyyy …` or
 * `yyyy-MM-dd …`) and UTC here; amounts are minor units, Paid In and Withdrawn both as positive
 * magnitudes (layout A prints Withdrawn negative). A cell that looks like a spreadsheet formula is
 * kept as plain text and flagged; in an amount or date column it makes the row unreadable.
 */
export type StatementLineKind = "payment_in" | "charge" | "reversal" | "b2c_payment" | "internal_transfer" | "withdrawal" | "other";

export interface StatementLine {
  lineNumber: number;
  receipt: string;
  completedAt: Date;
  initiatedAt: Date | null;
  details: string;
  status: string | null;
  paidInMinor: number;
  withdrawnMinor: number;
  balanceMinor: number | null;
  balanceConfirmed: boolean | null;
  reasonType: string | null;
  otherPartyInfo: string | null;
  /** From Other Party Info (`2547****126 - JANE **** DOE`): masked, so only a hint. */
  otherParty: { msisdn: MsisdnEvidence | null; name: string | null } | null;
  linkedReceipt: string | null;
  /** A/C No., kept as text so leading zeros survive. */
  accountNumber: string | null;
  currency: string | null;
  kind: StatementLineKind;
  /** Columns whose cell looked like a formula (kept as text, never evaluated). */
  formulaColumns: string[];
}

export type RowResult = { ok: true; line: StatementLine } | { ok: false; reason: string };

const RECEIPT = /^[A-Z0-9]{8,20}$/;

/** `=`, `@`, or `+`/`-` not starting a number, possibly behind a tab or CR: what spreadsheets would evaluate. */
export function looksLikeFormula(cell: string): boolean {
  const t = cell.replace(/^[\t\r ]+/, "");
  if (/^[=@]/.test(t)) return true;
  return /^[+-]/.test(t) && parseAmountMinor(t) === null;
}

const TEXT_COLUMNS: readonly ColumnKey[] = ["details", "status", "reasonType", "otherPartyInfo", "linkedTransactionId", "accountNumber", "transactionPartyDetails"];

// Plain functions rather than per-row closures: this runs for every line of a 50 MB file.
function cellOf(fields: readonly string[], columns: ColumnMap, key: ColumnKey): string {
  const i = columns.index[key];
  return i === undefined ? "" : (fields[i] ?? "").trim();
}

function problem(fields: readonly string[], columns: ColumnMap, key: ColumnKey, what: string): RowResult {
  const value = cellOf(fields, columns, key);
  const formula = looksLikeFormula(value) ? " (a formula, not read)" : "";
  return { ok: false, reason: `${COLUMN_LABELS[key]} ${JSON.stringify(value.slice(0, 40))} ${what}${formula}` };
}

export function readStatementRow(fields: readonly string[], columns: ColumnMap, lineNumber: number): RowResult {
  if (fields.length < columns.needed) return { ok: false, reason: `has ${fields.length} cells, the header has ${columns.width}` };
  const receipt = cellOf(fields, columns, "receipt").toUpperCase();
  if (!RECEIPT.test(receipt)) return problem(fields, columns, "receipt", "is not a receipt number");
  const completedAt = parseEatDateTime(cellOf(fields, columns, "completionTime"));
  if (!completedAt) return problem(fields, columns, "completionTime", "is not a date and time (dd-MM-yyyy HH:mm:ss)");
  const initiated = cellOf(fields, columns, "initiationTime");
  const initiatedAt = initiated === "" ? null : parseEatDateTime(initiated);
  if (initiated !== "" && !initiatedAt) return problem(fields, columns, "initiationTime", "is not a date and time (dd-MM-yyyy HH:mm:ss)");
  const paidIn = amountCell(cellOf(fields, columns, "paidIn"));
  if (paidIn === null) return problem(fields, columns, "paidIn", "is not an amount");
  if (paidIn < 0) return problem(fields, columns, "paidIn", "is negative");
  const withdrawn = amountCell(cellOf(fields, columns, "withdrawn"));
  if (withdrawn === null) return problem(fields, columns, "withdrawn", "is not an amount");
  const balanceText = cellOf(fields, columns, "balance");
  const balance = balanceText === "" ? null : parseAmountMinor(balanceText);
  if (balanceText !== "" && balance === null) return problem(fields, columns, "balance", "is not an amount");

  const formulaColumns: string[] = [];
  for (const key of TEXT_COLUMNS) if (looksLikeFormula(cellOf(fields, columns, key))) formulaColumns.push(COLUMN_LABELS[key]);
  const details = cellOf(fields, columns, "details");
  const reasonType = cellOf(fields, columns, "reasonType") || null;
  const withdrawnMinor = Math.abs(withdrawn);
  const confirmed = cellOf(fields, columns, "balanceConfirmed").toLowerCase();
  const partyText = cellOf(fields, columns, "otherPartyInfo") || cellOf(fields, columns, "transactionPartyDetails") || null;
  return {
    ok: true,
    line: {
      lineNumber,
      receipt,
      completedAt,
      initiatedAt,
      details,
      status: cellOf(fields, columns, "status") || null,
      paidInMinor: paidIn,
      withdrawnMinor,
      balanceMinor: balance,
      balanceConfirmed: confirmed === "true" ? true : confirmed === "false" ? false : null,
      reasonType,
      otherPartyInfo: partyText,
      otherParty: partyText ? readOtherParty(partyText) : null,
      linkedReceipt: cellOf(fields, columns, "linkedTransactionId").toUpperCase() || null,
      accountNumber: cellOf(fields, columns, "accountNumber") || accountFromDetails(details),
      currency: cellOf(fields, columns, "currency") || null,
      kind: kindOf(details, reasonType, paidIn, withdrawnMinor),
      formulaColumns,
    },
  };
}

// Blank, and layout B's "0.00" or "1,100.00", are amounts; anything else is not.
function amountCell(text: string): number | null {
  return text === "" ? 0 : parseAmountMinor(text);
}

function readOtherParty(text: string): { msisdn: MsisdnEvidence | null; name: string | null } {
  const at = text.search(/\s-\s/);
  const id = at < 0 ? text : text.slice(0, at);
  const name = at < 0 ? "" : text.slice(at + 3).trim();
  return { msisdn: readMsisdn(id.trim()), name: name === "" ? null : name };
}

/** `… Acc. INV00042` at the end of Details (layout B has no A/C No. column). */
function accountFromDetails(details: string): string | null {
  return /\bAcc\.\s*(\S+)\s*$/i.exec(details)?.[1] ?? null;
}

/**
 * Classifies by the kind of transaction only: the start of Details up to its party ("Pay Bill Online"
 * in "Pay Bill Online from 2547…") and Reason Type, never the account number or the names, which
 * customers type (an account called "SETTLEMENT" is still a payment).
 */
function kindOf(details: string, reasonType: string | null, paidIn: number, withdrawn: number): StatementLineKind {
  const typePart = details.replace(/\s+(?:from|by|to)\s+[+\d].*$/i, "").replace(/\s-\s.*$/, "");
  const text = `${typePart} | ${reasonType ?? ""}`;
  if (/reversal/i.test(text)) return "reversal";
  if (/utility account to|organi[sz]ation (?:settlement|funds transfer|revenue)|(?:^|\| )settlement\b|mmf account/i.test(text)) return "internal_transfer";
  if (/agency withdrawal|withdrawal of funds/i.test(text)) return "withdrawal";
  if (/charge/i.test(text) && paidIn === 0) return "charge";
  if (/business payment|salary payment|promotion payment|b2c/i.test(text) && withdrawn > 0) return "b2c_payment";
  if (paidIn > 0) return "payment_in";
  return "other";
}
