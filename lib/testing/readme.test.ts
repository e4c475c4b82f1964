import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REFUND_SCENARIOS } from "@/lib/rails/daraja/simulator/refund-scenarios";
import { SCENARIOS } from "@/lib/rails/daraja/simulator/scenarios";
import { SCENARIOS as VODACOM_SCENARIOS } from "@/lib/rails/vodacom/simulator/scenarios";

/** The README is the newcomer's manual: these checks keep it true as the code moves. */
const root = path.resolve(import.meta.dirname, "../..");
const read = (file: string) => readFile(path.join(root, file), "utf8");

describe("README.md", () => {
  it("starts with the two-line quick start", async () => {
    const readme = await read("README.md");
    expect(readme).toContain("```sh\nnpm install && npm start\nnpm test\n```");
  });

  it("documents every setting lib/env.ts accepts", async () => {
    const [readme, env] = await Promise.all([read("README.md"), read("lib/env.ts")]);
    const settings = [...env.matchAll(/^ {2}([A-Z][A-Z0-9_]+): /gm)].map((m) => m[1]!);
    expect(settings.length).toBeGreaterThan(40);
    const missing = settings.filter((name) => !readme.includes(`\`${name}\``) && !readme.includes(`${name}\``));
    expect(missing).toEqual([]);
  });

  it("lists every simulator test number with its scenario", async () => {
    const readme = await read("README.md");
    for (const scenario of [...SCENARIOS, ...REFUND_SCENARIOS]) expect(readme).toMatch(new RegExp(`\\| ${scenario.msisdn} \\| ${scenario.name} \\|`));
  });

  it("the simulator's own README lists every refund test number too", async () => {
    const readme = await read("lib/rails/daraja/simulator/README.md");
    for (const scenario of REFUND_SCENARIOS) expect(readme).toMatch(new RegExp(`\\| ${scenario.msisdn} \\| ${scenario.name} \\|`));
  });

  it("lists every Vodacom simulator test number with its scenario", async () => {
    const readme = await read("README.md");
    for (const scenario of VODACOM_SCENARIOS) expect(readme).toContain(`| ${scenario.msisdn} | ${scenario.name} |`);
  });

  it("shows the webhook verification helper exactly as shipped", async () => {
    const [readme, helper] = await Promise.all([read("README.md"), read("lib/webhooks/verify-signature.ts")]);
    expect(readme).toContain(helper.trim());
  });

  it("names every npm script it documents, and every script exists", async () => {
    const [readme, pkg] = await Promise.all([read("README.md"), read("package.json")]);
    const scripts = Object.keys((JSON.parse(pkg) as { scripts: Record<string, string> }).scripts);
    const documented = [...readme.matchAll(/`npm run ([a-z:]+)/g)].map((m) => m[1]!);
    expect(documented.filter((s) => !scripts.includes(s))).toEqual([]);
  });
});
