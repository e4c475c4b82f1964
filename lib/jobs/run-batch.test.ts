import type { Job, JobResult } from "pg-boss";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineJob, type JobDefinition } from "@/lib/jobs/define-job";
import { runBatch } from "@/lib/jobs/run-batch";

const job = (id: string, data: object = { n: Number(id.slice(1)) }) => ({ id, data, retryCount: 0, signal: new AbortController().signal }) as unknown as Job<object>;
const batch = (...ids: string[]) => ids.map((id) => job(id));

/** A settle that logs when each job starts and ends, yielding in between so side-by-side jobs interleave. */
function recordingSettle() {
  const events: string[] = [];
  const settle = async (_def: JobDefinition, j: Job<object>): Promise<JobResult> => {
    events.push(`start ${j.id}`);
    await new Promise((r) => setImmediate(r));
    events.push(`end ${j.id}`);
    return { id: j.id, status: "completed", output: { ran: j.id } };
  };
  return { events, settle };
}

const definition = (lanes?: JobDefinition["lanes"]) =>
  defineJob({ name: "test.lanes", schema: z.object({ n: z.number() }), queue: {}, handler: async () => undefined, ...(lanes ? { lanes } : {}) }) as JobDefinition;

describe("runBatch", () => {
  it("runs every job side by side without lanes, answering in the batch's order", async () => {
    const { events, settle } = recordingSettle();
    const results = await runBatch(definition(), batch("j1", "j2", "j3"), settle);
    expect(events.slice(0, 3)).toEqual(["start j1", "start j2", "start j3"]);
    expect(results.map((r) => r.id)).toEqual(["j1", "j2", "j3"]);
  });

  it("runs a lane's jobs one after another in the lane's order, lanes side by side, each with its own result", async () => {
    const { events, settle } = recordingSettle();
    const results = await runBatch(definition(async () => [["j3", "j1"], ["j2"]]), batch("j1", "j2", "j3"), settle);
    expect(events.indexOf("end j3")).toBeLessThan(events.indexOf("start j1"));
    // The other lane starts before the first lane's first job ends.
    expect(events.indexOf("start j2")).toBeLessThan(events.indexOf("end j3"));
    expect(results).toEqual(["j1", "j2", "j3"].map((id) => ({ id, status: "completed", output: { ran: id } })));
  });

  it("runs every job exactly once whatever the plan says: left out, named twice, or unknown", async () => {
    const { events, settle } = recordingSettle();
    const results = await runBatch(definition(async () => [["j1", "j9", "j1"], ["j2", "j1"], []]), batch("j1", "j2", "j3"), settle);
    expect(events.filter((e) => e.startsWith("start")).sort()).toEqual(["start j1", "start j2", "start j3"]);
    expect(results.map((r) => r.id)).toEqual(["j1", "j2", "j3"]);
  });

  it("does not start a job whose time ran out while it waited in its lane: it fails, to be retried", async () => {
    const { events, settle } = recordingSettle();
    const expired = new AbortController();
    const waiting = { ...job("j2"), signal: expired.signal } as Job<object>;
    const first = async (def: JobDefinition, j: Job<object>) => {
      // pg-boss aborts the second job while the first is running.
      if (j.id === "j1") expired.abort();
      return settle(def, j);
    };
    const results = await runBatch(definition(async () => [["j1", "j2"]]), [job("j1"), waiting], first);
    expect(events).toEqual(["start j1", "end j1"]);
    expect(results.map((r) => [r.id, r.status])).toEqual([["j1", "completed"], ["j2", "failed"]]);
  });

  it("runs the jobs side by side when the plan fails", async () => {
    const { events, settle } = recordingSettle();
    const results = await runBatch(definition(async () => { throw new Error("database unavailable"); }), batch("j1", "j2"), settle);
    expect(events.slice(0, 2)).toEqual(["start j1", "start j2"]);
    expect(results.map((r) => r.status)).toEqual(["completed", "completed"]);
  });

  it("shows the plan checked payloads only, and asks no plan for a lone job", async () => {
    const seen: unknown[][] = [];
    const def = definition(async (jobs) => {
      seen.push(jobs);
      return [jobs.map((j) => j.id)];
    });
    const { settle } = recordingSettle();
    const results = await runBatch(def, [job("j1"), job("bad", { n: "one" }), job("j2")], settle);
    expect(seen).toEqual([[{ id: "j1", data: { n: 1 } }, { id: "j2", data: { n: 2 } }]]);
    expect(results.map((r) => r.id)).toEqual(["j1", "bad", "j2"]);
    await runBatch(def, batch("j7"), settle);
    expect(seen).toHaveLength(1);
  });

  it("keeps a failing job's failure its own: the next job of its lane still runs and completes", async () => {
    const ran: number[] = [];
    const def = defineJob({
      name: "test.lanes.failing", schema: z.object({ n: z.number() }), queue: {},
      handler: async ({ n }) => { ran.push(n); if (n === 1) throw new Error("transient"); return { n }; },
      lanes: async (jobs) => [jobs.map((j) => j.id)],
    }) as JobDefinition;
    const results = await runBatch(def, batch("j1", "j2"));
    expect(ran).toEqual([1, 2]);
    expect(results).toEqual([
      { id: "j1", status: "failed", output: { message: "transient" } },
      { id: "j2", status: "completed", output: { n: 2 } },
    ]);
  });
});
