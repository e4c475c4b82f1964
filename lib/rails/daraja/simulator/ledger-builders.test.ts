import { describe, expect, it } from "vitest";
import { encryptSecurityCredential } from "../initiator/security-credential";
import { buildC2bPayload } from "./c2b-payload";
import { customerName, hashForC2b, maskForC2b, pullMsisdn, statementParty } from "./customers";
import { createInitiatorGuard } from "./initiator-guard";
import { conversationId, placeholderTransactionId } from "./ledger-ids";
import type { SimTransaction } from "./ledger-types";
import { createRandom } from "./random";
import { REFUND_SCENARIOS, refundScenarioFor, refundScenarioPhone } from "./refund-scenarios";
import { buildQueueTimeout, buildResult } from "./result-payload";
import { SCENARIOS } from "./scenarios";
import { SIMULATOR_CERTIFICATE_PEM, simulatorKeys } from "./security-keys";
import { buildStatementCsv } from "./statement-csv";
import { createTransactionStore, type NewTransaction } from "./transactions";

const AT = new Date("2026-10-01T07:03:17Z"); // 10:03:17 EAT
const CUSTOMER = { first: "JANE", middle: "WANJIKU", last: "DOE" };

function tx(overrides: Partial<NewTransaction> = {}): NewTransaction {
  return { receipt: "UJ1EF4GH5I", kind: "stk", shortcode: "600984", paidTo: "600984", channel: "paybill", amount: 2000, msisdn: "254712345126", customer: CUSTOMER,
    billRef: "INV00042", initiatedAt: AT, completedAt: AT, linkedReceipt: null, originatorConversationId: null, conversationId: null, via: "customer", ...overrides };
}

describe("customers", () => {
  it("gives each number a stable name and shows the number as each channel does", () => {
    expect(customerName("254712345126")).toEqual(customerName("254712345126"));
    expect(maskForC2b("254712345126")).toBe("2547 ***** 126");
    expect(hashForC2b("254712345126")).toMatch(/^[0-9a-f]{64}$/);
    expect(statementParty("254712345126", CUSTOMER)).toBe("2547****126 - JANE **** DOE");
    expect(statementParty("254712345126", { ...CUSTOMER, middle: "" })).toBe("2547****126 - JANE DOE");
    expect(pullMsisdn("254712345126")).toBe(712345126);
  });
});

describe("ids", () => {
  it("makes ConversationIDs and the day's placeholder TransactionID in EAT", () => {
    expect(conversationId(AT, createRandom("x"))).toMatch(/^AG_20261001_[0-9a-f]{20}$/);
    expect(placeholderTransactionId(new Date("2024-07-02T10:00:00Z"))).toBe("SG20000000");
    expect(placeholderTransactionId(new Date("2026-10-31T22:00:00Z"))).toBe("UK10000000");
  });
});

describe("buildC2bPayload", () => {
  const input = { receipt: "RKL51ZDR4F", channel: "paybill" as const, at: AT, amount: 5, paidTo: "600984", billRef: "INV00042", msisdn: "254712345126",
    customer: CUSTOMER, version: "v2" as const, balanceAfter: null, thirdPartyTransId: null };
  it("v2: strings, masked number, first name only, no balance in validation", () => {
    expect(buildC2bPayload(input)).toEqual({ TransactionType: "Pay Bill", TransID: "RKL51ZDR4F", TransTime: "20261001100317", TransAmount: "5.00", BusinessShortCode: "600984",
      BillRefNumber: "INV00042", InvoiceNumber: "", OrgAccountBalance: "", ThirdPartyTransID: "", MSISDN: "2547 ***** 126", FirstName: "JANE", MiddleName: "", LastName: "" });
  });
  it("v1 and a till confirmation: hashed number, all names, balance and echoed id, no account number", () => {
    expect(buildC2bPayload({ ...input, version: "v1", channel: "till", balanceAfter: 25, thirdPartyTransId: "ORD-1" })).toMatchObject({
      TransactionType: "", BillRefNumber: "", OrgAccountBalance: "25.00", ThirdPartyTransID: "ORD-1", MSISDN: hashForC2b("254712345126"), MiddleName: "WANJIKU", LastName: "DOE" });
  });
});

describe("buildResult / buildQueueTimeout", () => {
  const ids = { originatorConversationId: "o-1", conversationId: "AG_1" };
  it("writes Key-only items for missing values, and no ResultParameters on failure", () => {
    expect(buildResult({ ...ids, code: 0, desc: "ok", transactionId: "UJ1AAAAAAA", parameters: [["Amount", 10], ["TransactionReason"]], referenceData: ["Occasion"] })).toEqual({
      Result: { ResultType: 0, ResultCode: 0, ResultDesc: "ok", OriginatorConversationID: "o-1", ConversationID: "AG_1", TransactionID: "UJ1AAAAAAA",
        ResultParameters: { ResultParameter: [{ Key: "Amount", Value: 10 }, { Key: "TransactionReason" }] }, ReferenceData: { ReferenceItem: { Key: "Occasion" } } } });
    expect(buildResult({ ...ids, code: "R000002", desc: "bad", transactionId: "UJ10000000", referenceData: ["QueueTimeoutURL", "u"] }).Result).not.toHaveProperty("ResultParameters");
    expect(buildQueueTimeout({ ...ids, at: AT }).Result).toMatchObject({ ResultType: 1, TransactionID: "UJ10000000" });
  });
});

describe("createTransactionStore", () => {
  it("keeps running balances per organisation, links reversals, and answers the balance before an instant", () => {
    const store = createTransactionStore({ "600984": 100 });
    const paid = store.add(tx());
    store.add(tx({ receipt: "UJ1OTHER01", shortcode: "600985", paidTo: "600985" }));
    const later = new Date(AT.getTime() + 60_000);
    const reversal = store.add(tx({ receipt: "UJ1JK6LM7N", kind: "reversal", paidTo: null, channel: null, linkedReceipt: paid.receipt, completedAt: later }));
    expect([paid.balanceAfter, reversal.balanceAfter]).toEqual([2100, 100]);
    expect(store.byReceipt("uj1ef4gh5i")?.reversedBy).toBe("UJ1JK6LM7N");
    expect(store.balance("600984")).toBe(100);
    expect(store.balance("600984", later)).toBe(2100);
    expect(store.balance("600984", AT)).toBe(100);
    expect(store.forShortcode("600985")).toHaveLength(1);
    store.clear();
    expect(store.all()).toEqual([]);
  });
});

describe("createInitiatorGuard", () => {
  const { privateKey } = simulatorKeys();
  const credential = (password: string) => encryptSecurityCredential(password, SIMULATOR_CERTIFICATE_PEM);
  it("accepts the right password, counts failures in a row, locks after the limit, and reset unlocks", () => {
    const guard = createInitiatorGuard([{ name: "testapi", password: "right" }], privateKey, 2);
    expect(guard.check("testapi", credential("right"))).toEqual({ ok: true });
    expect(guard.check("testapi", credential("wrong"))).toMatchObject({ ok: false, code: 2001 });
    expect(guard.check("testapi", credential("right"))).toEqual({ ok: true });
    expect(guard.check("testapi", credential("wrong"))).toMatchObject({ code: 2001 });
    expect(guard.check("testapi", "garbage")).toMatchObject({ code: 2001 });
    expect(guard.check("testapi", credential("right"))).toMatchObject({ ok: false, code: 8006 });
    expect(guard.locked()).toEqual(["testapi"]);
    expect(guard.check("nobody", credential("right"))).toMatchObject({ code: 2001 });
    guard.clear();
    expect(guard.check("testapi", credential("right"))).toEqual({ ok: true });
  });
});

describe("buildStatementCsv", () => {
  it("writes layout A: preamble, header, newest first, Withdrawn negative, CRLF, totals", () => {
    const store = createTransactionStore({ "600984": 10_000 });
    const paid = store.add(tx());
    const reversal = store.add(tx({ receipt: "UJ1JK6LM7N", kind: "reversal", paidTo: null, channel: null, billRef: null, linkedReceipt: paid.receipt,
      completedAt: new Date(AT.getTime() + 60_000) }));
    const csv = buildStatementCsv({ shortcode: "600984", organisation: "ACME, SHOP", from: new Date("2026-09-30T21:00:00Z"), to: new Date("2026-10-01T20:59:59Z"),
      reportAt: new Date("2026-10-02T05:15:02Z"), openingBalance: 10_000, transactions: [paid, reversal] as SimTransaction[] });
    expect(csv.split("\r\n")).toEqual([
      'Account Holder:,"ACME, SHOP"',
      "Short Code:,600984",
      "Account:,Utility Account",
      "Time Period:,From,01-10-2026 00:00:00,To,01-10-2026 23:59:59",
      'Operator:,simulator,Organization:,"ACME, SHOP",Date of Report:,02-10-2026 08:15:02',
      "Opening Balance:,10000.00,Closing Balance:,10000.00,Available Balance:,10000.00,Total Paid In:,2000.00,Total Withdrawn:,-2000.00",
      "Receipt No.,Completion Time,Initiation Time,Details,Transaction Status,Paid In,Withdrawn,Balance,Balance Confirmed,Reason Type,Other Party Info,Linked Transaction ID,A/C No.",
      "UJ1JK6LM7N,01-10-2026 10:04:17,01-10-2026 10:03:17,Pay Utility Reversal,Completed,,-2000.00,10000.00,true,Pay Utility Reversal,2547****126 - JANE **** DOE,UJ1EF4GH5I,",
      "UJ1EF4GH5I,01-10-2026 10:03:17,01-10-2026 10:03:17,Pay Bill Online from 2547****126 - JANE **** DOE Acc. INV00042,Completed,2000.00,,12000.00,true,Pay Bill Online,2547****126 - JANE **** DOE,,INV00042",
      "",
    ]);
  });
});

describe("REFUND_SCENARIOS", () => {
  it("has unique numbers that no STK scenario uses", () => {
    const numbers = REFUND_SCENARIOS.map((s) => s.msisdn);
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(numbers.filter((n) => SCENARIOS.some((s) => s.msisdn === n))).toEqual([]);
    expect(refundScenarioFor("reversal", refundScenarioPhone("reversal-no-result"))?.behaviour).toBe("no-result");
    expect(refundScenarioFor("b2c", refundScenarioPhone("reversal-no-result"))).toBeNull();
    expect(() => refundScenarioPhone("nope")).toThrow();
  });
});
