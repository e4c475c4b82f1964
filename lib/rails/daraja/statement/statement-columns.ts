/**
 * The column layouts of M-Pesa org portal statement exports, recognised by header names (mapped
 * by name, never by position; punctuation, case and units such as "(KSHs)" ignored):
 * - A, the classic export: a label/value preamble, then 13 columns from `Receipt No.` to `A/C No.`
 *   (some exports add `Currency`); Withdrawn is negative.
 * - B, "Statements for <shortcode> from … to …": no preamble, 7 columns, amounts with thousands
 *   separators; payer and account live in Details.
 * - C, legacy: 11 columns, Withdrawn before Paid In, `Transaction Type` and `Transaction Party Details`.
 */
export type StatementLayout = "A" | "B" | "C";

export type ColumnKey =
  | "receipt" | "completionTime" | "initiationTime" | "details" | "status" | "paidIn" | "withdrawn" | "balance"
  | "balanceConfirmed" | "reasonType" | "otherPartyInfo" | "linkedTransactionId" | "accountNumber" | "currency" | "transactionPartyDetails";

const NAMES: Readonly<Record<string, ColumnKey>> = {
  receiptno: "receipt", receipt: "receipt", receiptnumber: "receipt",
  completiontime: "completionTime", date: "completionTime",
  initiationtime: "initiationTime",
  details: "details",
  transactionstatus: "status", status: "status",
  paidin: "paidIn",
  withdrawn: "withdrawn", withdrawal: "withdrawn",
  balance: "balance",
  balanceconfirmed: "balanceConfirmed",
  reasontype: "reasonType", transactiontype: "reasonType",
  otherpartyinfo: "otherPartyInfo",
  linkedtransactionid: "linkedTransactionId",
  acno: "accountNumber", accountno: "accountNumber", accountnumber: "accountNumber",
  currency: "currency",
  transactionpartydetails: "transactionPartyDetails",
};

/** Every layout has these; without them a file cannot be a statement we can reconcile. */
const REQUIRED: readonly ColumnKey[] = ["receipt", "completionTime", "details", "paidIn", "withdrawn", "balance"];

export const COLUMN_LABELS: Readonly<Record<ColumnKey, string>> = {
  receipt: "Receipt No.", completionTime: "Completion Time", initiationTime: "Initiation Time", details: "Details",
  status: "Transaction Status", paidIn: "Paid In", withdrawn: "Withdrawn", balance: "Balance", balanceConfirmed: "Balance Confirmed",
  reasonType: "Reason Type", otherPartyInfo: "Other Party Info", linkedTransactionId: "Linked Transaction ID", accountNumber: "A/C No.",
  currency: "Currency", transactionPartyDetails: "Transaction Party Details",
};

export function normaliseHeader(cell: string): string {
  return cell.toLowerCase().replace(/\(\s*k?shs?\.?\s*\)/g, "").replace(/[^a-z0-9]/g, "");
}

/** Whether a row is the column header row (its first cell is the receipt column). */
export function isHeaderRow(fields: readonly string[]): boolean {
  return NAMES[normaliseHeader(fields[0] ?? "")] === "receipt";
}

export type ColumnMap = {
  layout: StatementLayout;
  index: Partial<Record<ColumnKey, number>>;
  unknown: string[];
  width: number;
  /** Cells a row needs to reach its last known column. */
  needed: number;
};

export function mapColumns(fields: readonly string[]): { ok: true; columns: ColumnMap } | { ok: false; error: string } {
  const index: Partial<Record<ColumnKey, number>> = {};
  const unknown: string[] = [];
  const duplicated: string[] = [];
  fields.forEach((cell, i) => {
    const key = NAMES[normaliseHeader(cell)];
    if (!key) {
      if (cell.trim() !== "") unknown.push(cell.trim());
    } else if (index[key] !== undefined) duplicated.push(cell.trim());
    else index[key] = i;
  });
  const missing = REQUIRED.filter((key) => index[key] === undefined).map((key) => COLUMN_LABELS[key]);
  if (missing.length > 0) {
    return { ok: false, error: `This is not an M-Pesa statement we can read: the header row lacks ${missing.join(", ")} (found: ${fields.map((f) => f.trim()).filter(Boolean).join(", ")})` };
  }
  if (duplicated.length > 0) return { ok: false, error: `The header row names a column twice: ${duplicated.join(", ")}` };
  const has = (key: ColumnKey) => index[key] !== undefined;
  const layout: StatementLayout = has("transactionPartyDetails") || (has("balanceConfirmed") && !has("initiationTime") && !has("linkedTransactionId"))
    ? "C"
    : has("initiationTime") || has("otherPartyInfo") || has("linkedTransactionId") || has("accountNumber") ? "A" : "B";
  const needed = Math.max(...Object.values(index)) + 1;
  return { ok: true, columns: { layout, index, unknown, width: fields.length, needed } };
}

/** Layout B carries the shortcode only in its file name; layout A's file name has it too. */
export function shortCodeFromFileName(name: string): string | null {
  const b = /statements?\s+for\s+(\d{5,9})\b/i.exec(name);
  if (b) return b[1] ?? null;
  return /^ORG_(\d{5,9})_/i.exec(name.split(/[\\/]/).pop() ?? "")?.[1] ?? null;
}
