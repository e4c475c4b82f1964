import { describe, expect, it } from "vitest";
import { classifyResponseCode, normaliseResponseCode, RESPONSE_CODES, type VodacomOperation } from "./response-codes";

const outcome = (operation: VodacomOperation, code: unknown) => classifyResponseCode(operation, code).outcome;

describe("classifyResponseCode", () => {
  it("gives every recognised code a meaning and Vodacom's HTTP statuses", () => {
    for (const [code, info] of Object.entries(RESPONSE_CODES)) {
      expect(code).toMatch(/^INS-\d+$/);
      expect(info.meaning.length).toBeGreaterThan(5);
      expect(info.http.length).toBeGreaterThan(0);
    }
  });

  it("treats INS-1 as 'unknown, ask again', never as a failure", () => {
    expect(outcome("c2b_payment", "INS-1")).toBe("unknown");
    expect(outcome("reversal", "INS-1")).toBe("unknown");
    expect(outcome("query_transaction_status", "INS-1")).toBe("retryable");
    expect(outcome("session", "INS-1")).toBe("retryable");
  });

  it("reads the codes that settle a payment", () => {
    expect(outcome("c2b_payment", "INS-0")).toBe("succeeded");
    expect(outcome("c2b_payment", "INS-5")).toBe("cancelled");
    expect(outcome("c2b_payment", "INS-6")).toBe("failed");
    expect(outcome("c2b_payment", "INS-2006")).toBe("failed");
    expect(outcome("c2b_payment", "INS-2001")).toBe("failed");
    expect(outcome("c2b_payment", "INS-990")).toBe("failed");
  });

  it("keeps a timeout and a duplicate open: only the status query can settle them", () => {
    expect(outcome("c2b_payment", "INS-9")).toBe("unknown");
    expect(outcome("c2b_payment", "INS-10")).toBe("duplicate");
    expect(outcome("reversal", "INS-10")).toBe("duplicate");
    expect(outcome("query_transaction_status", "INS-9")).toBe("retryable");
  });

  it("tells refusals of our setup from refusals of the request", () => {
    for (const code of ["INS-4", "INS-13", "INS-22", "INS-26", "INS-989", "INS-997", "INS-998"]) expect(outcome("c2b_payment", code)).toBe("configuration");
    for (const code of ["INS-14", "INS-15", "INS-17", "INS-20", "INS-21", "INS-28", "INS-30", "INS-35", "INS-2051"]) expect(outcome("c2b_payment", code)).toBe("permanent");
    expect(outcome("c2b_payment", "INS-16")).toBe("retryable");
  });

  it("reads INS-2 as a refused session on a call, a wrong API key on getSession", () => {
    expect(outcome("c2b_payment", "INS-2")).toBe("session_rejected");
    expect(outcome("query_transaction_status", "INS-2")).toBe("session_rejected");
    expect(outcome("session", "INS-2")).toBe("configuration");
  });

  it("reads INS-23 as 'not found' for the query only", () => {
    expect(outcome("query_transaction_status", "INS-23")).toBe("not_found");
    expect(outcome("c2b_payment", "INS-23")).toBe("unknown");
  });

  it("never fails a payment on a code it does not know", () => {
    expect(classifyResponseCode("c2b_payment", "INS-4242")).toEqual({ code: "INS-4242", outcome: "unknown", meaning: "Unrecognised M-Pesa response code INS-4242", known: false });
    expect(outcome("reversal", "WAT")).toBe("unknown");
    expect(outcome("query_transaction_status", "INS-4242")).toBe("retryable");
    expect(outcome("c2b_payment", "constructor")).toBe("unknown");
    expect(classifyResponseCode("c2b_payment", "__proto__").known).toBe(false);
  });

  it("compares codes by value, whatever their case and spacing", () => {
    expect(normaliseResponseCode(" ins-0 ")).toBe("INS-0");
    expect(classifyResponseCode("c2b_payment", "ins-2006")).toMatchObject({ code: "INS-2006", known: true });
    expect(normaliseResponseCode("")).toBeNull();
    expect(normaliseResponseCode(null)).toBeNull();
    expect(classifyResponseCode("c2b_payment", undefined)).toMatchObject({ code: "", outcome: "unknown", known: false });
  });
});
