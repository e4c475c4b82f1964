import { describe, expect, it } from "vitest";
import { ledgerLineFromPull } from "../ledger-line";
import { directionOf, readPullQueryBody, readPullTransaction } from "./response";
import { planPullWindow } from "./window";

const ROW = {
  transactionId: "yzlyrEsRG1", trxDate: "2020-08-05T10:13:00Z", msisdn: 722000000, sender: "UAT2",
  transactiontype: "c2b-pay-bill-debit", billreference: "37207636392", amount: "168.00", organizationname: "Daraja Pull API Test",
};

describe("readPullQueryBody", () => {
  it("flattens the documented list of lists", () => {
    const body = readPullQueryBody({ ResponseRefID: "26178-42530161-2", ResponseCode: "1000", ResponseMessage: "Success", Response: [[ROW, ROW]] });
    expect(body).toMatchObject({ responseCode: "1000", message: "Success", responseRefId: "26178-42530161-2", totalPages: null });
    expect(body.rows).toHaveLength(2);
  });

  it("tolerates a flat list, a lone object, and TotalPages", () => {
    expect(readPullQueryBody({ ResponseCode: "1000", Response: [ROW] }).rows).toHaveLength(1);
    expect(readPullQueryBody({ ResponseCode: "1000", Response: ROW }).rows).toHaveLength(1);
    expect(readPullQueryBody({ ResponseCode: "1000", Response: [[ROW]], TotalPages: 3 }).totalPages).toBe(3);
  });

  it("reads the documented 1001 with its list as a string, and the captured one with RequestID and no list", () => {
    expect(readPullQueryBody({ ResponseCode: "1001", ResponseMessage: "No transactions available for the selected time period", Transaction: "[[]]" }))
      .toMatchObject({ responseCode: "1001", rows: [] });
    expect(readPullQueryBody({ RequestID: "f9e9-41a5-8783-2ee591b46cc741228", ResponseCode: "1001", ResponseMessage: "No records found or Organization Name not available" }))
      .toMatchObject({ responseCode: "1001", responseRefId: "f9e9-41a5-8783-2ee591b46cc741228", rows: [] });
  });

  it("never throws on junk", () => {
    expect(readPullQueryBody(null)).toMatchObject({ responseCode: null, rows: [] });
    expect(readPullQueryBody({ Response: "not json" }).rows).toEqual([]);
    expect(readPullQueryBody({ Response: [[[[[[ROW]]]]]] }).rows).toEqual([]);
  });
});

describe("readPullTransaction", () => {
  it("reads the lowercase keys, the number without 254, the string amount", () => {
    const read = readPullTransaction(ROW);
    expect(read).toMatchObject({
      ok: true,
      transaction: {
        receipt: "YZLYRESRG1", trxDate: "2020-08-05T10:13:00Z", payerName: "UAT2", transactionType: "c2b-pay-bill-debit", direction: "in",
        billReference: "37207636392", amountMinor: 16800, organizationName: "Daraja Pull API Test", msisdn: { kind: "full", msisdn: "254722000000" },
      },
    });
    if (!read.ok) throw new Error(read.reason);
    expect(read.transaction.completedAt?.toISOString()).toBe("2020-08-05T10:13:00.000Z");
    expect(ledgerLineFromPull(read.transaction, "600000")).toMatchObject({ source: "pull", receipt: "YZLYRESRG1", shortcode: "600000", accountReference: "37207636392" });
  });

  it("reads keys in any casing and a date without a zone as EAT", () => {
    const read = readPullTransaction({ TransactionID: "LHG31AA5TX", TrxDate: "2026-10-01 10:00:00", Amount: 5, MSISDN: "2547****126" });
    expect(read).toMatchObject({ ok: true, transaction: { receipt: "LHG31AA5TX", amountMinor: 500, msisdn: { kind: "masked" } } });
    if (read.ok) expect(read.transaction.completedAt?.toISOString()).toBe("2026-10-01T07:00:00.000Z");
  });

  it.each([
    [null, "not an object"], [{ ...ROW, transactionId: "" }, "transactionId"], [{ ...ROW, amount: "ten" }, "amount"], [{ ...ROW, amount: "-1.00" }, "amount"],
  ])("refuses %j", (row, reason) => {
    const read = readPullTransaction(row);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.reason).toContain(reason);
  });

  it.each([
    ["c2b-pay-bill-debit", "in"], ["c2b-buy-goods-debit", "in"], ["c2b-reversal-credit", "out"], ["b2c-payment-credit", "out"], ["mystery", "unknown"], [null, "unknown"],
  ])("transaction type %j is money %s", (type, direction) => {
    expect(directionOf(type)).toBe(direction);
  });
});

describe("planPullWindow", () => {
  const now = new Date("2026-10-02T12:00:00Z");
  const hour = 3_600_000;

  it("overlaps the last complete window so late lines are caught", () => {
    const plan = planPullWindow({ now, pulledUntil: new Date(now.getTime() - 15 * 60_000), overlapMs: hour });
    expect(plan).toEqual({ start: new Date(now.getTime() - 75 * 60_000), end: now, gapBefore: null });
  });

  it("looks back a while the first time", () => {
    expect(planPullWindow({ now, pulledUntil: null }).start).toEqual(new Date(now.getTime() - 2 * hour));
  });

  it("never reaches back further than Pull allows, and says what is lost", () => {
    const plan = planPullWindow({ now, pulledUntil: new Date(now.getTime() - 72 * hour), safetyMarginMs: 0 });
    expect(plan.start).toEqual(new Date(now.getTime() - 48 * hour));
    expect(plan.gapBefore).toEqual(plan.start);
  });
});
