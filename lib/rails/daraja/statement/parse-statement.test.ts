import { describe, expect, it } from "vitest";
import { ledgerLineFromStatement } from "../ledger-line";
import { parseStatement, parseStatementText, type StatementReport } from "./parse-statement";
import { shortCodeFromFileName } from "./statement-columns";
import { looksLikeFormula } from "./statement-line";
import { LAYOUT_A, LAYOUT_B, LAYOUT_C } from "./statement.fixtures";

const HEADER_A = LAYOUT_A.split("\r\n").slice(0, 7).join("\r\n");
const ROW = (overrides: Partial<Record<"receipt" | "completion" | "details" | "paidIn" | "withdrawn" | "balance" | "account", string>> = {}) => {
  const v = { receipt: "UJ1AB2CD3E", completion: "01-10-2026 09:12:40", details: "Pay Bill from 2547****415 - PETER **** OTIENO Acc. INV00041",
    paidIn: "1500.00", withdrawn: "", balance: "11500.00", account: "INV00041", ...overrides };
  return `${v.receipt},${v.completion},01-10-2026 09:12:31,${v.details},Completed,${v.paidIn},${v.withdrawn},${v.balance},true,Pay Utility,2547****415 - PETER **** OTIENO,,${v.account}`;
};
function ok(report: StatementReport) {
  if (!report.ok) throw new Error(report.error);
  return report;
}

describe("parseStatement, layout A", () => {
  it("reads the preamble, every line, and checks the totals and the balance", async () => {
    const { report, lines } = await parseStatementText(LAYOUT_A);
    const r = ok(report);
    expect(r).toMatchObject({ layout: "A", lines: 5, rejected: 0, flagged: 0, unknownColumns: [], totals: { paidInMinor: 350000, withdrawnMinor: 1350000 },
      checks: { totalPaidIn: true, totalWithdrawn: true, balance: true } });
    expect(r.header).toMatchObject({ accountHolder: "ACME SHOP LIMITED", shortCode: "600984", account: "Utility Account", operator: "finance01",
      openingBalanceMinor: 1000000, closingBalanceMinor: 0, totalPaidInMinor: 350000, totalWithdrawnMinor: -1350000 });
    expect(r.header.periodFrom?.toISOString()).toBe("2026-09-30T21:00:00.000Z");
    expect(lines.map((l) => [l.lineNumber, l.receipt, l.kind, l.paidInMinor, l.withdrawnMinor])).toEqual([
      [8, "UJ1ST0UV1W", "internal_transfer", 0, 1150000],
      [9, "UJ1OP8QR9S", "b2c_payment", 0, 50000],
      [10, "UJ1JK6LM7N", "reversal", 0, 150000],
      [11, "UJ1EF4GH5I", "payment_in", 200000, 0],
      [12, "UJ1AB2CD3E", "payment_in", 150000, 0],
    ]);
    expect(lines[3]).toMatchObject({ details: "Pay Bill Online from 2547****126 - JANE **** DOE Acc. INV00042", status: "Completed", balanceMinor: 1350000,
      balanceConfirmed: true, reasonType: "Pay Bill Online", accountNumber: "INV00042", linkedReceipt: null,
      otherParty: { msisdn: { kind: "masked", prefix: "2547", suffix: "126" }, name: "JANE **** DOE" } });
    expect(lines[3]?.completedAt.toISOString()).toBe("2026-10-01T07:03:17.000Z");
    expect(lines[2]).toMatchObject({ linkedReceipt: "UJ1AB2CD3E" });
  });

  it("gives ledger lines for customer money only", async () => {
    const { lines } = await parseStatementText(LAYOUT_A);
    expect(lines.map((l) => ledgerLineFromStatement(l, "600984")).map((l) => l && [l.receipt, l.direction, l.amountMinor, l.linkedReceipt])).toEqual([
      null, ["UJ1OP8QR9S", "out", 50000, null], ["UJ1JK6LM7N", "out", 150000, "UJ1AB2CD3E"], ["UJ1EF4GH5I", "in", 200000, null], ["UJ1AB2CD3E", "in", 150000, null],
    ]);
  });

  it("reads a BOM, LF-only line ends, quoted fields with commas and an added Currency column", async () => {
    const text = `\uFEFF${HEADER_A.replaceAll("\r\n", "\n")},Currency\n${ROW({ details: '"Pay Bill from 2547****415 - PETER, OTIENO Acc. INV00041"' })},KES\n`;
    const { report, lines } = await parseStatementText(text);
    expect(ok(report).lines).toBe(1);
    expect(lines[0]).toMatchObject({ details: "Pay Bill from 2547****415 - PETER, OTIENO Acc. INV00041", currency: "KES" });
  });

  it("classifies by the kind of transaction, never by what a customer typed as account or name", async () => {
    const text = [HEADER_A, ROW({ details: "Pay Bill from 2547****415 - SETTLEMENT **** REVERSAL Acc. SETTLEMENT", account: "SETTLEMENT" }),
      ROW({ receipt: "UJ1AB2CD3F", details: "Pay Bill Charge", paidIn: "", withdrawn: "-11.00" }),
      ROW({ receipt: "UJ1AB2CD3G", details: "Merchant Pay Utility Received from 5544332 - B2C CHARGE SHOP Acc. X", paidIn: "10.00" })].join("\r\n");
    const { lines } = await parseStatementText(text);
    expect(lines.map((l) => l.kind)).toEqual(["payment_in", "charge", "payment_in"]);
  });

  it("keeps an account number's leading zeros", async () => {
    const { lines } = await parseStatementText(`${HEADER_A}\r\n${ROW({ account: "000417" })}`);
    expect(lines[0]?.accountNumber).toBe("000417");
  });

  it("rejects bad dates and amounts line by line, with the line number and why, and reads the rest", async () => {
    const text = [HEADER_A, ROW(), ROW({ completion: "31-02-2026 09:12:40" }), ROW({ paidIn: '"1,50.00"' }), ROW({ receipt: "" }), ROW({ balance: "lots" }),
      ROW({ paidIn: "-5.00" }), "UJ1AB2CD3E,01-10-2026 09:12:40", ROW({ completion: "=NOW()" }), ROW()].join("\r\n");
    const { report, lines } = await parseStatementText(text);
    const r = ok(report);
    expect(lines.map((l) => l.lineNumber)).toEqual([8, 16]);
    expect(r.rejected).toBe(7);
    expect(r.rejections.map((x) => [x.lineNumber, x.reason])).toEqual([
      [9, 'Completion Time "31-02-2026 09:12:40" is not a date and time (dd-MM-yyyy HH:mm:ss)'],
      [10, 'Paid In "1,50.00" is not an amount'],
      [11, 'Receipt No. "" is not a receipt number'],
      [12, 'Balance "lots" is not an amount'],
      [13, 'Paid In "-5.00" is negative'],
      [14, "has 2 cells, the header has 13"],
      [15, 'Completion Time "=NOW()" is not a date and time (dd-MM-yyyy HH:mm:ss) (a formula, not read)'],
    ]);
    expect(r.checks.totalPaidIn).toBe(false);
  });

  it("keeps a formula in a text cell as text, flags it, and never evaluates it", async () => {
    const formula = '=HYPERLINK("http://evil.example","click")';
    const text = `${HEADER_A}\r\n${ROW({ details: `"${formula.replaceAll('"', '""')}"`, account: "@SUM(A1)" })}`;
    const { report, lines } = await parseStatementText(text);
    expect(ok(report)).toMatchObject({ lines: 1, flagged: 1, flags: [{ lineNumber: 8, reason: "a formula in Details, A/C No. was kept as text" }] });
    expect(lines[0]).toMatchObject({ details: formula, accountNumber: "@SUM(A1)", formulaColumns: ["Details", "A/C No."] });
  });

  it("masks full phone numbers in the excerpts it reports", async () => {
    const { report } = await parseStatementText(`${HEADER_A}\r\n${ROW({ details: "Pay Bill from 254708374149", paidIn: "x" })}`);
    expect(ok(report).rejections[0]?.excerpt).toContain("2547****149");
    expect(ok(report).rejections[0]?.excerpt).not.toContain("254708374149");
  });
});

describe("parseStatement, other layouts", () => {
  it("reads layout B: no preamble, thousands separators, charge twins under one receipt, shortcode from the file name", async () => {
    const { report, lines } = await parseStatementText(LAYOUT_B, { fileName: "Statements for 600984 from 2026-10-02 to 2026-10-02.csv" });
    expect(ok(report)).toMatchObject({ layout: "B", lines: 2, header: { shortCode: "600984" }, checks: { totalPaidIn: null, balance: null } });
    expect(lines.map((l) => [l.receipt, l.kind, l.paidInMinor, l.withdrawnMinor, l.balanceMinor, l.accountNumber])).toEqual([
      ["UJ2AB2CD3E", "payment_in", 110000, 0, 1110000, "00417"], ["UJ2AB2CD3E", "charge", 0, 1100, 1108900, null],
    ]);
    expect(lines.map((l) => ledgerLineFromStatement(l, "600984")?.receipt ?? null)).toEqual(["UJ2AB2CD3E", null]);
  });

  it("reads layout C: Withdrawn before Paid In, ISO-ish dates, TRUE, the party in Transaction Party Details", async () => {
    const { report, lines } = await parseStatementText(LAYOUT_C);
    expect(ok(report).layout).toBe("C");
    expect(lines[0]).toMatchObject({ paidInMinor: 25000, withdrawnMinor: 0, balanceConfirmed: true, reasonType: "Pay Utility", otherParty: { msisdn: { prefix: "25470", suffix: "444" } } });
  });

  it.each([
    ["ORG_517822_Utility Account_Completed_20210302085708.csv", "517822"], ["exports/Statements for 600984 from 2026-10-01 to 2026-10-02.csv", "600984"], ["book1.csv", null],
  ])("finds the shortcode in %j", (name, code) => {
    expect(shortCodeFromFileName(name)).toBe(code);
  });
});

describe("parseStatement refuses what is not a statement, before reading any line", () => {
  it.each([
    ["an empty file", "", 'No "Receipt No." header row'],
    ["a CSV of something else", "name,email\nJane,jane@example.com\n", 'No "Receipt No." header row'],
    ["missing columns", "Receipt No.,Completion Time,Details\nUJ1AB2CD3E,01-10-2026 09:12:40,x\n", "lacks Paid In, Withdrawn, Balance"],
    ["a doubled column", "Receipt No.,Completion Time,Details,Paid In,Withdrawn,Balance,Paid In\n", "names a column twice: Paid In"],
    ["a preamble without end", Array.from({ length: 30 }, (_, i) => `Label ${i}:,x`).join("\n"), "first 20 rows"],
  ])("%s", async (_name, text, message) => {
    let called = 0;
    const report = await parseStatement([text], { onLine: () => void called++ });
    expect(report.ok).toBe(false);
    if (!report.ok) expect(report.error).toContain(message);
    expect(called).toBe(0);
  });

  it("names the line of a wrong header", async () => {
    const report = await parseStatement([`${HEADER_A.split("\r\n").slice(0, 6).join("\r\n")}\r\nReceipt No.,When,What\r\n`], { onLine: () => undefined });
    expect(report).toMatchObject({ ok: false, lineNumber: 7 });
  });
});

describe("looksLikeFormula", () => {
  it.each([["=1+1", true], ["@SUM(A1)", true], ["+cmd|' /C calc'!A0", true], ["\t=1", true], ["-4000.00", false], ["+5", false], ["Pay Bill", false], ["", false]])(
    "%j → %s",
    (cell, formula) => {
      expect(looksLikeFormula(cell)).toBe(formula);
    },
  );
});
