import { describe, expect, it } from "vitest";
import { compileValidationPattern, judgeC2bValidation } from "./validation-rule";

const paybill = (billRefNumber: string | null, amountMinor = 150000) => ({ billRefNumber, amountMinor, channel: "paybill" as const });
const ACCEPT = { ResultCode: "0", ResultDesc: "Accepted" };
const reject = (code: string) => ({ ResultCode: code, ResultDesc: "Rejected" });

describe("judgeC2bValidation", () => {
  it("accepts everything under ACCEPT_ALL, and tills under any rule", () => {
    expect(judgeC2bValidation({ rule: "ACCEPT_ALL", pattern: null }, paybill("anything"), null)).toEqual(ACCEPT);
    expect(judgeC2bValidation({ rule: "OPEN_PAYMENT", pattern: null }, { billRefNumber: null, amountMinor: 100, channel: "till" }, { amounts: [] })).toEqual(ACCEPT);
  });

  it("PATTERN matches the whole account number, ignoring case", () => {
    const rule = { rule: "PATTERN" as const, pattern: "INV-\\d{4}" };
    expect(judgeC2bValidation(rule, paybill("inv-0042"), null)).toEqual(ACCEPT);
    expect(judgeC2bValidation(rule, paybill("INV-00421"), null)).toEqual(reject("C2B00012"));
    expect(judgeC2bValidation(rule, paybill(null), null)).toEqual(reject("C2B00012"));
    expect(judgeC2bValidation({ rule: "PATTERN", pattern: "(" }, paybill("x"), null)).toEqual(ACCEPT);
  });

  it("OPEN_PAYMENT accepts a matchable payment's reference and amount, names the amount when only that is wrong", () => {
    const rule = { rule: "OPEN_PAYMENT" as const, pattern: null };
    expect(judgeC2bValidation(rule, paybill("ORD-1"), { amounts: [1500] })).toEqual(ACCEPT);
    expect(judgeC2bValidation(rule, paybill("ORD-1"), { amounts: [1000] })).toEqual(reject("C2B00013"));
    expect(judgeC2bValidation(rule, paybill("ORD-1"), { amounts: [] })).toEqual(reject("C2B00012"));
    expect(judgeC2bValidation(rule, paybill(" "), { amounts: [1500] })).toEqual(reject("C2B00012"));
    // The database could not say in time: the money is taken and finance sees it unattached.
    expect(judgeC2bValidation(rule, paybill("ORD-1"), null)).toEqual(ACCEPT);
  });

  it("compiles only sensible patterns", () => {
    expect(compileValidationPattern("")).toBeNull();
    expect(compileValidationPattern("a".repeat(201))).toBeNull();
    expect(compileValidationPattern("[")).toBeNull();
    expect(compileValidationPattern("A|B")?.test("b")).toBe(true);
    expect(compileValidationPattern("A|B")?.test("AB")).toBe(false);
  });
});
