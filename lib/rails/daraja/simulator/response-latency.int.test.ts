import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator } from "./server";
import { basicAuth } from "./test-support";

type Simulator = Awaited<ReturnType<typeof startSimulator>>;

/** Elapsed time of one token request: only lower bounds are asserted (a timer never fires early). */
async function timedToken(sim: Simulator): Promise<{ ms: number; status: number }> {
  const started = performance.now();
  const res = await fetch(`${sim.url}/oauth/v1/generate?grant_type=client_credentials`, { headers: { Authorization: basicAuth() } });
  await res.arrayBuffer();
  return { ms: performance.now() - started, status: res.status };
}

describe("the simulator's response latency", () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, callbackDelayMs: 0, responseLatency: { oauthMs: 120 } });
  });
  afterAll(() => sim.close());

  const latency = (body?: unknown) => fetch(`${sim.url}/__sim/latency`, body === undefined ? {} : { method: "POST", body: JSON.stringify(body) });

  it("waits the configured time before answering, and is changed at run time", async () => {
    expect(await (await latency()).json()).toEqual({ oauthMs: 120, pushMs: 0, queryMs: 0 });
    const slow = await timedToken(sim);
    expect(slow.status).toBe(200);
    expect(slow.ms).toBeGreaterThanOrEqual(115);

    const set = await latency({ oauthMs: 0, pushMs: 600, queryMs: 300 });
    expect([set.status, await set.json()]).toEqual([200, { oauthMs: 0, pushMs: 600, queryMs: 300 }]);
    expect((await latency({ queryMs: 0 }).then((r) => r.json()))).toEqual({ oauthMs: 0, pushMs: 600, queryMs: 0 });
  });

  it("refuses a bad setting with 400 and keeps the one it had", async () => {
    const before = await (await latency()).json();
    for (const bad of [{ pushMs: -5 }, { pushMs: "fast" }, { nope: 1 }, [1]]) {
      const res = await latency(bad);
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ error: expect.stringContaining("whole milliseconds") });
    }
    expect(await (await latency()).json()).toEqual(before);
  });

  it("refuses a bad option at start", async () => {
    await expect(startSimulator({ port: 0, responseLatency: { pushMs: -1 } })).rejects.toThrow(/responseLatency/);
  });
});
