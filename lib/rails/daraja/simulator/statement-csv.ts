import { darajaTimestamp } from "../password";
import { statementParty } from "./customers";
import type { SimTransaction } from "./ledger-types";

/**
 * The org portal's Utility Account statement, layout A: a label/value preamble, the 13-column
 * header, rows newest first, Withdrawn negative, dates `dd-MM-yyyy HH:mm:ss` in EAT, CRLF line
 * ends. The Details and Reason Type wording of reversals, B2C and till payments is this
 * simulator's reading of what the portal prints (no real export of those was available).
 */
export interface StatementInput {
  shortcode: string;
  organisation: string;
  from: Date;
  to: Date;
  reportAt: Date;
  openingBalance: number;
  /** The organisation's transactions within [from, to], any order. */
  transactions: readonly SimTransaction[];
}

const HEADER = ["Receipt No.", "Completion Time", "Initiation Time", "Details", "Transaction Status", "Paid In", "Withdrawn", "Balance",
  "Balance Confirmed", "Reason Type", "Other Party Info", "Linked Transaction ID", "A/C No."];

export function buildStatementCsv(input: StatementInput): string {
  const rows = [...input.transactions].sort((a, b) => b.completedAt.getTime() - a.completedAt.getTime() || b.seq - a.seq);
  const paidIn = rows.filter(isCredit).reduce((sum, t) => sum + t.amount, 0);
  const withdrawn = rows.filter((t) => !isCredit(t)).reduce((sum, t) => sum + t.amount, 0);
  const closing = input.openingBalance + paidIn - withdrawn;
  const lines = [
    ["Account Holder:", input.organisation],
    ["Short Code:", input.shortcode],
    ["Account:", "Utility Account"],
    ["Time Period:", "From", dateTime(input.from), "To", dateTime(input.to)],
    ["Operator:", "simulator", "Organization:", input.organisation, "Date of Report:", dateTime(input.reportAt)],
    ["Opening Balance:", money(input.openingBalance), "Closing Balance:", money(closing), "Available Balance:", money(closing),
      "Total Paid In:", money(paidIn), "Total Withdrawn:", money(-withdrawn)],
    HEADER,
    ...rows.map(row),
  ];
  return lines.map((cells) => cells.map(cell).join(",")).join("\r\n") + "\r\n";
}

function row(t: SimTransaction): string[] {
  const party = statementParty(t.msisdn, t.customer);
  const credit = isCredit(t);
  const { details, reason } = wording(t, party);
  return [t.receipt, dateTime(t.completedAt), dateTime(t.initiatedAt), details, "Completed", credit ? money(t.amount) : "",
    credit ? "" : money(-t.amount), money(t.balanceAfter), "true", reason, party, t.linkedReceipt ?? "", credit ? (t.billRef ?? "") : ""];
}

function wording(t: SimTransaction, party: string): { details: string; reason: string } {
  const account = t.billRef ? ` Acc. ${t.billRef}` : "";
  if (t.kind === "reversal") return { details: "Pay Utility Reversal", reason: "Pay Utility Reversal" };
  if (t.kind === "b2c") return { details: `Business Payment to ${party}`, reason: "Business Payment to Customer via API" };
  if (t.channel === "till") return t.kind === "stk"
    ? { details: `Merchant Payment Online from ${party}`, reason: "Merchant Payment Online" }
    : { details: `Merchant Payment from ${party}`, reason: "Merchant Payment" };
  return t.kind === "stk"
    ? { details: `Pay Bill Online from ${party}${account}`, reason: "Pay Bill Online" }
    : { details: `Pay Bill from ${party}${account}`, reason: "Pay Utility" };
}

function isCredit(t: SimTransaction): boolean {
  return t.kind === "stk" || t.kind === "c2b";
}

function money(shillings: number): string {
  return `${shillings}.00`;
}

function dateTime(at: Date): string {
  const ts = darajaTimestamp(at);
  return `${ts.slice(6, 8)}-${ts.slice(4, 6)}-${ts.slice(0, 4)} ${ts.slice(8, 10)}:${ts.slice(10, 12)}:${ts.slice(12, 14)}`;
}

function cell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
