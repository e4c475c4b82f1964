import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SANDBOX_MSISDN, normalizeTanzanianPhone } from "../phone";
import { DEFAULT_SCENARIO, SCENARIOS, scenarioFor, scenarioMsisdn } from "./scenarios";

describe("the Vodacom simulator's test numbers", () => {
  it("are unique, named once, and valid numbers for the client", () => {
    expect(new Set(SCENARIOS.map((s) => s.msisdn)).size).toBe(SCENARIOS.length);
    expect(new Set(SCENARIOS.map((s) => s.name)).size).toBe(SCENARIOS.length);
    for (const s of SCENARIOS) {
      const valid = SANDBOX_MSISDN.test(s.msisdn) || normalizeTanzanianPhone(s.msisdn).ok;
      expect(valid, s.msisdn).toBe(true);
    }
  });

  it("include every magic number of the sandbox, 000000000001 to 000000000009", () => {
    for (let n = 1; n <= 9; n++) expect(scenarioFor(`00000000000${n}`).name).toMatch(/^sandbox-/);
  });

  it("fall back to the default scenario for any other number", () => {
    expect(scenarioFor("255754123456")).toBe(DEFAULT_SCENARIO);
    expect(scenarioMsisdn("answer-lost")).toBe("255754000006");
    expect(() => scenarioMsisdn("nope")).toThrow(/No Vodacom simulator scenario/);
  });
});

describe("the simulator's README", () => {
  it("documents every test number with its scenario", async () => {
    const readme = await readFile(path.join(import.meta.dirname, "README.md"), "utf8");
    for (const s of SCENARIOS) expect(readme).toContain(`| ${s.msisdn} | ${s.name} |`);
  });
});
