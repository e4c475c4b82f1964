import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runBench, SCENARIOS } from "./main";

// `npm run bench` is not part of `npm test`; this runs its harness end to end at toy sizes so a
// broken scenario is caught here, not on the day someone measures.
describe("the benchmark harness", () => {
  it("runs every scenario against a real stack and writes the markdown and JSON report", { timeout: 300_000 }, async () => {
    const reportDir = await mkdtemp(path.join(tmpdir(), "malipo-bench-"));
    const lines: string[] = [];
    const report = await runBench({ names: [], smoke: true, reportDir, log: (l) => lines.push(l) });
    const scenarios = new Set(report.figures.map((f) => f.scenario));
    expect([...scenarios].sort()).toEqual(SCENARIOS.map((s) => s.title).sort());
    expect(report.figures.every((f) => Number.isFinite(f.value))).toBe(true);
    const json = JSON.parse(await readFile(path.join(reportDir, "latest.json"), "utf8")) as { smoke: boolean; figures: unknown[] };
    expect(json.smoke).toBe(true);
    expect(json.figures).toHaveLength(report.figures.length);
    expect(await readFile(path.join(reportDir, "latest.md"), "utf8")).toContain("| Scenario | Metric | Value | Target | Met |");
    // The smoke run sends real traffic: callbacks are acknowledged without errors.
    const errors = report.figures.find((f) => f.metric.startsWith("errors"));
    expect(errors?.value).toBe(0);
    // ...and /metrics counted every one of them (its counters moved under the ingest scenario).
    const counted = report.figures.find((f) => f.metric === "callbacks counted by /metrics");
    expect(counted?.value).toBeGreaterThan(0);
    expect(counted?.met).toBe(true);
  });

  it("refuses an unknown scenario name before starting anything", async () => {
    await expect(runBench({ names: ["nope"], smoke: true, reportDir: tmpdir() })).rejects.toThrow(/unknown scenario/);
  });
});
