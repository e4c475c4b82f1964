// npm test – every check, in order: types, lint, unit, integration, then the browser tests against
// the real launcher. Prints one closing line with the number of tests passed and failed.
import { spawn } from "node:child_process";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");
const reports = await mkdtemp(path.join(tmpdir(), "malipo-test-reports-"));
const bin = (name: string) => path.join(root, "node_modules/.bin", name);
const only = process.argv.slice(2);

interface Step {
  name: string;
  command: string;
  args: string[];
  count?: () => Promise<{ passed: number; failed: number }>;
}

const vitestCount = (file: string) => async () => {
  const report = JSON.parse(await readFile(file, "utf8")) as { numPassedTests: number; numFailedTests: number };
  return { passed: report.numPassedTests, failed: report.numFailedTests };
};

const steps: Step[] = [
  { name: "typecheck", command: bin("tsc"), args: ["--noEmit"] },
  { name: "lint", command: bin("eslint"), args: [".", "--max-warnings=0"] },
  {
    name: "unit",
    command: bin("vitest"),
    args: ["run", "--config", ".config/vitest.config.ts", "--project", "unit", "--reporter=default", "--reporter=json", `--outputFile.json=${reports}/unit.json`],
    count: vitestCount(`${reports}/unit.json`),
  },
  {
    name: "integration",
    command: bin("vitest"),
    args: ["run", "--config", ".config/vitest.config.ts", "--project", "integration", "--reporter=default", "--reporter=json", `--outputFile.json=${reports}/integration.json`],
    count: vitestCount(`${reports}/integration.json`),
  },
  {
    name: "e2e",
    command: bin("playwright"),
    args: ["test", "--config", "e2e/playwright.config.ts", "--reporter=list,json"],
    count: async () => {
      const report = JSON.parse(await readFile(`${reports}/e2e.json`, "utf8")) as { stats: { expected: number; unexpected: number; flaky: number } };
      return { passed: report.stats.expected + report.stats.flaky, failed: report.stats.unexpected };
    },
  },
];

// Chromium (browser tests) and docker compose (docker-compose.yml's validation) come from Debian:
// installed now when running as root, or one message naming the command, before anything runs.
const selected = steps.filter((s) => only.length === 0 || only.includes(s.name));
if (selected.some((s) => s.name === "unit" || s.name === "e2e")) {
  const code = await run({ name: "tools", command: "bash", args: [path.join(root, ".ci/install-test-tools")] });
  if (code !== 0) {
    console.log("\ntests: 0 passed, 1 failed");
    process.exit(1);
  }
}

let passed = 0;
let failed = 0;
const failures: string[] = [];
for (const step of selected) {
  const started = Date.now();
  console.log(`\n=== ${step.name} ===`);
  const code = await run(step);
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  if (step.count) {
    const counts = await step.count().catch(() => ({ passed: 0, failed: code === 0 ? 0 : 1 }));
    passed += counts.passed;
    failed += counts.failed;
  }
  console.log(`=== ${step.name}: ${code === 0 ? "ok" : `FAILED (exit ${code})`} in ${seconds}s ===`);
  if (code !== 0) failures.push(step.name);
}

if (failures.length) console.log(`\nfailed steps: ${failures.join(", ")}`);
console.log(`\ntests: ${passed} passed, ${failed} failed`);
process.exit(failures.length ? 1 : 0);

function run(step: Step): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(step.command, step.args, {
      cwd: root,
      stdio: "inherit",
      env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: `${reports}/e2e.json`, NEXT_TELEMETRY_DISABLED: "1" },
    });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}
