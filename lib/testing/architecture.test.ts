import { describe, expect, it } from "vitest";
import { findCycle, importGraph, readSources } from "@/lib/testing/import-graph";

/**
 * The layout's rules, read from the imports themselves (README, Architecture): lib's folders form
 * layers, so no two of them import each other, directly or round a longer loop; lib never reaches
 * into app; test helpers and the worker's job handlers stay out of the code that runs elsewhere.
 */

const sources = readSources();
const graph = importGraph(sources);

describe("the architecture", () => {
  it("has no cycle among lib's folders", () => {
    expect(findCycle(graph.folders)).toEqual([]);
  });

  it("never imports app/ from lib/", () => {
    expect(graph.imports.filter((i) => i.to.startsWith("app/")).map((i) => `${i.from} → ${i.to}`)).toEqual([]);
  });

  it("keeps lib/testing out of production code", () => {
    const offenders = graph.imports.filter((i) => i.to.startsWith("lib/testing/") && !i.from.startsWith("lib/testing/"));
    expect(offenders.map((i) => `${i.from} → ${i.to}`)).toEqual([]);
  });

  it("loads job handlers only in the worker's list, so the web process never loads the worker's chain", () => {
    const offenders = graph.imports.filter((i) => /-job\.ts$/.test(i.to) && !i.to.startsWith("lib/jobs/") && i.from !== "lib/main/worker-jobs.ts" && !i.from.startsWith("lib/testing/"));
    expect(offenders.map((i) => `${i.from} → ${i.to}`)).toEqual([]);
  });

  it("finds a loop when there is one (the rules above are not vacuous)", () => {
    const loop = new Map([["a", new Set(["b"])], ["b", new Set(["c"])], ["c", new Set(["a"])], ["d", new Set<string>()]]);
    expect(findCycle(loop)).toEqual(["a", "b", "c", "a"]);
    expect(findCycle(new Map([["a", new Set(["b"])], ["b", new Set<string>()]]))).toEqual([]);
  });

  it("reads every production file of lib", () => {
    expect(sources.length).toBeGreaterThan(300);
    expect(graph.folders.get("payments")?.size).toBeGreaterThan(0);
  });
});
