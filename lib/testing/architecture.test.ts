import { describe, expect, it } from "vitest";
import { findCycle, importGraph, readSources } from "@/lib/testing/import-graph";

/**
 * The layout's rules, read from the imports themselves (README, Architecture): lib's folders form
 * layers, so no two of them import each other, directly or round a longer loop; lib never reaches
 * into app; test helpers and the worker's job handlers stay out of the code that runs elsewhere.
 */

const sources = readSources();
// The files that may call transitionPayment(s): the settle path (observations, deadlines, resolutions,
// the expiry sweep's batches), the push's own answer (accept / reject) and a new attempt (retry).
const SETTLE_PATH = ["lib/payments/settle-payment.ts", "lib/payments/push-attempt.ts", "lib/payments/retry-payment.ts"];
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

  it("keeps every rail out of the payment core: lib/payments imports nothing under lib/rails", () => {
    const offenders = graph.imports.filter((i) => i.from.startsWith("lib/payments/") && i.to.startsWith("lib/rails/"));
    expect(offenders.map((i) => `${i.from} → ${i.to}`)).toEqual([]);
  });

  it("keeps the state table free of runtime imports, so the dashboard's browser code can ask it", () => {
    const table = sources.find((f) => f.path === "lib/payments/state.ts")!;
    const imports = table.text.split("\n").filter((line) => /^import\b/.test(line));
    expect(imports.filter((line) => !/^import type\b/.test(line))).toEqual([]);
  });

  it("spells no list of open or final statuses outside the state table", () => {
    // Payment statuses as the database spells them (a rail's own status words are its business; an
    // attempt's are spelled in its own table, attempt-state.ts).
    const quoted = (status: string) => new RegExp(`["']${status}["']`);
    const open = ["INITIATING", "PENDING"].map(quoted);
    const final = ["FAILED", "CANCELLED", "EXPIRED"].map(quoted);
    const offenders = [...sources, ...readSources("app"), ...readSources("components")]
      .filter((f) => f.path !== "lib/payments/state.ts" && f.path !== "lib/payments/attempt-state.ts")
      .flatMap((f) => f.text.split("\n").map((line, i) => ({ line, at: `${f.path}:${i + 1}` })))
      .filter(({ line }) => open.every((r) => r.test(line)) || final.every((r) => r.test(line)));
    expect(offenders.map((o) => o.at)).toEqual([]);
  });

  it("decides payment statuses only in the settle path, and writes them only in transition", () => {
    const transitionUsers = graph.imports.filter((i) => i.to === "lib/payments/transition.ts" && /\btransitionPayments?\b/.test(sources.find((f) => f.path === i.from)!.text));
    expect(new Set(transitionUsers.map((i) => i.from))).toEqual(new Set(SETTLE_PATH));
    const writers = sources.filter((f) => f.path !== "lib/payments/transition.ts" && !f.path.startsWith("lib/testing/")
      && (/UPDATE\s+payments\b[^;`]*\bSET\b[^;`]*\bstatus\s*=/is.test(f.text) || /\.payment\.(?:update|updateMany|updateManyAndReturn|upsert)\(\s*\{[\s\S]{0,400}?data:\s*\{[^}]*\bstatus\s*:/.test(f.text)));
    expect(writers.map((f) => f.path)).toEqual([]);
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
