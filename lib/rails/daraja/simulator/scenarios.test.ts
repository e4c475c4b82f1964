import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { RESULT } from "./result-codes";
import { DEFAULT_SCENARIO, SCENARIOS, scenarioFor, scenarioPhone } from "./scenarios";
import { msisdn } from "./validate-stk";

describe("scenario table", () => {
  it("uses distinct, valid Safaricom numbers and distinct names", () => {
    expect(new Set(SCENARIOS.map((s) => s.msisdn)).size).toBe(SCENARIOS.length);
    expect(new Set(SCENARIOS.map((s) => s.name)).size).toBe(SCENARIOS.length);
    for (const s of SCENARIOS) expect(msisdn(s.msisdn), s.name).toBe(s.msisdn);
  });

  it("documents every scenario", () => {
    for (const s of SCENARIOS) {
      expect(s.description.length, s.name).toBeGreaterThan(10);
      expect(s.behaviour.length, s.name).toBeGreaterThan(10);
    }
  });

  it("keeps Safaricom's sandbox number as plain success", () => {
    expect(scenarioFor("254708374149")).toMatchObject({ name: "success", push: "accept", result: 0, callbacks: 1, interactive: false });
  });

  it.each([
    ["cancelled", { result: RESULT.CANCELLED, callbacks: 1 }],
    ["no-response", { result: RESULT.NO_RESPONSE, callbacks: 1 }],
    ["insufficient-funds", { result: RESULT.INSUFFICIENT_FUNDS, callbacks: 1 }],
    ["wrong-pin", { result: RESULT.WRONG_PIN, callbacks: 1 }],
    ["no-callback", { result: RESULT.SUCCESS, callbacks: 0 }],
    ["triple-callback", { result: RESULT.SUCCESS, callbacks: 3 }],
    ["late-callback", { result: RESULT.SUCCESS, settlesAfter: "lateCallbackDelay", callbacks: 1 }],
    ["amount-mismatch", { result: RESULT.SUCCESS, amountDelta: -1 }],
    ["system-busy", { push: "busy", callbacks: 0 }],
    ["push-hangs", { push: "hang", result: RESULT.SUCCESS, callbacks: 1 }],
    ["pending-forever", { result: null, callbacks: 0 }],
    ["manual", { interactive: true, settlesAfter: "manualTimeout", result: RESULT.NO_RESPONSE }],
    ["expired", { result: RESULT.EXPIRED }],
    ["push-error", { result: RESULT.PUSH_ERROR }],
    ["rule-limited", { result: RESULT.RULE_LIMITED }],
  ])("has the %s scenario", (name, expected) => {
    expect(scenarioFor(scenarioPhone(name))).toMatchObject({ name, ...expected });
  });

  it("treats any other number as an interactive success", () => {
    for (const phone of ["254712345678", "254110000001", null, undefined]) {
      expect(scenarioFor(phone)).toBe(DEFAULT_SCENARIO);
    }
    expect(DEFAULT_SCENARIO).toMatchObject({ push: "accept", result: 0, interactive: true, callbacks: 1 });
  });

  it("refuses an unknown scenario name", () => {
    expect(() => scenarioPhone("nope")).toThrow(/No simulator scenario/);
  });
});

describe("README", () => {
  it("lists every scenario's number and name", () => {
    const readme = readFileSync(new URL("./README.md", import.meta.url), "utf8");
    for (const s of SCENARIOS) expect(readme, s.name).toContain(`| ${s.msisdn} | ${s.name} |`);
  });
});
