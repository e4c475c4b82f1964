import { describe, expect, it } from "vitest";
import { classifyResultCode, normaliseResultCode, RESULT_CODES } from "./result-codes";

describe("classifyResultCode", () => {
  it.each([
    [0, "succeeded"], ["0", "succeeded"],
    [1032, "cancelled"], ["1032", "cancelled"], [1031, "cancelled"],
    [1, "failed"], [2, "failed"], [3, "failed"], [4, "failed"], [8, "failed"], [17, "failed"], [26, "failed"],
    [1001, "failed"], [1019, "failed"], [1025, "failed"], [1036, "failed"], [1037, "failed"], [2001, "failed"],
    [2028, "failed"], [8006, "failed"], ["SFC_IC0003", "failed"],
    [4999, "pending"], ["4999", "pending"],
  ] as const)("%j → %s", (code, outcome) => {
    const result = classifyResultCode(code);
    expect(result.outcome).toBe(outcome);
    expect(result.known).toBe(true);
    expect(result.code).toBe(String(code));
  });

  it("explains failures in words finance staff can read", () => {
    expect(classifyResultCode(2001).reason).toBe("The customer entered a wrong M-Pesa PIN");
    expect(classifyResultCode("1").reason).toMatch(/insufficient/i);
    expect(classifyResultCode(1037).reason).toMatch(/could not be reached/);
    expect(classifyResultCode("SFC_IC0003").reason).toMatch(/till/);
  });

  it("compares numeric codes by value, whatever their type or padding", () => {
    expect(classifyResultCode(" 1032 ")).toMatchObject({ code: "1032", outcome: "cancelled" });
    expect(classifyResultCode("00")).toMatchObject({ code: "0", outcome: "succeeded" });
  });

  it("treats an unknown code as unknown, never as a failure, and names the code", () => {
    expect(classifyResultCode(9999)).toEqual({ outcome: "unknown", reason: "Unrecognised M-Pesa result code 9999", code: "9999", known: false });
    expect(classifyResultCode("R000002")).toMatchObject({ outcome: "unknown", known: false, code: "R000002" });
    expect(classifyResultCode("")).toMatchObject({ outcome: "unknown", reason: "Unrecognised M-Pesa result code (empty)" });
  });

  it("does not find Object.prototype members as codes", () => {
    expect(classifyResultCode("constructor")).toMatchObject({ outcome: "unknown", known: false });
    expect(classifyResultCode("__proto__")).toMatchObject({ outcome: "unknown", known: false });
  });

  it("never decides by description: only 0 is success", () => {
    const successes = Object.entries(RESULT_CODES).filter(([, info]) => info.outcome === "succeeded");
    expect(successes.map(([code]) => code)).toEqual(["0"]);
  });

  it("keys the exported table by normalised code", () => {
    for (const code of Object.keys(RESULT_CODES)) expect(normaliseResultCode(code)).toBe(code);
  });
});
