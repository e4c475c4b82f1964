import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitUntil } from "@/lib/rails/daraja/simulator/test-support";
import type { VodacomClient } from "../client";
import { pushConversationId } from "../conversation-id";
import { scenarioMsisdn } from "./scenarios";
import type { RunningVodacomSimulator } from "./server";
import { clientFor, startTestSimulator } from "./test-support";

const HOUR = 3_600_000;
const pushFor = (client: VodacomClient, attemptId: string) =>
  client.c2bPayment({ attemptId, amount: 1000, phone: scenarioMsisdn("success"), reference: "INV-S", description: "Chai" });

describe("a session expiring mid-run", () => {
  let sim: RunningVodacomSimulator;
  let simMs = Date.UTC(2026, 2, 1, 8, 0, 0);
  beforeAll(async () => {
    sim = await startTestSimulator({ now: () => new Date(simMs), sessionLifetimeMs: HOUR });
  });
  afterAll(() => sim.close());

  it("is renewed once for 20 concurrent pushes, and no push is lost or doubled", async () => {
    // The client believes its session lives longer than Vodacom lets it: only Vodacom's refusal tells it.
    const client = clientFor(sim, { sessionLifetimeMs: 24 * HOUR });
    expect(await pushFor(client, "pay_first")).toMatchObject({ kind: "succeeded" });
    expect(sim.sessionsIssued()).toBe(1);

    simMs += HOUR + 1;
    const attempts = Array.from({ length: 20 }, (_, i) => `pay_concurrent_${i}`);
    const results = await Promise.all(attempts.map((id) => pushFor(client, id)));

    expect(results.map((r) => r.kind)).toEqual(Array(20).fill("succeeded"));
    expect(sim.sessionsIssued()).toBe(2);
    const taken = sim.transactions().map((t) => t.thirdPartyConversationId);
    expect(taken).toHaveLength(21);
    expect(new Set(taken)).toEqual(new Set(["pay_first", ...attempts].map(pushConversationId)));
    const refused = (await (await fetch(`${sim.url}/__sim/transactions`)).json()) as { refused: { code: string; api: string }[] };
    expect(refused.refused.filter((r) => r.api === "c2bPayment")).toEqual(Array(20).fill(expect.objectContaining({ code: "INS-2" })));
  });
});

describe("sessions on one clock shared by client and simulator", () => {
  let sim: RunningVodacomSimulator;
  let client: VodacomClient;
  let nowMs = Date.UTC(2026, 2, 1, 8, 0, 0);
  const start = nowMs;
  const now = () => new Date(nowMs);
  // Sleeping moves the shared clock; concurrent sleepers wake together.
  const sleep = async (ms: number) => {
    const until = nowMs + ms;
    await new Promise((r) => setTimeout(r, 1));
    nowMs = Math.max(nowMs, until);
  };
  beforeAll(async () => {
    sim = await startTestSimulator({ now, activationDelayMs: 30_000, sessionLifetimeMs: HOUR });
    client = clientFor(sim, { activationDelayMs: 30_000, sessionLifetimeMs: HOUR }, { now, sleep });
  });
  afterAll(() => sim.close());
  const sessionRefusals = async () => ((await (await fetch(`${sim.url}/__sim/transactions`)).json()) as { refused: { code: string }[] }).refused.filter((r) => r.code === "INS-2").length;

  it("waits out the activation delay before the first push, so Vodacom never sees a session too early", async () => {
    expect(await pushFor(client, "pay_clock_1")).toMatchObject({ kind: "succeeded" });
    expect(nowMs - start).toBe(30_000);
    expect(sim.sessionsIssued()).toBe(1);
    expect(await sessionRefusals()).toBe(0);
  });

  it("fetches the next session before the current one expires, once for 20 pushes, and switches without a refusal", async () => {
    nowMs = start + HOUR - 80_000;
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => pushFor(client, `pay_clock_batch_${i}`)));
    expect(results.every((r) => r.kind === "succeeded")).toBe(true);
    await waitUntil(() => (sim.sessionsIssued() === 2 ? true : null));

    // Past the first session's end: the second is live by now and carries on.
    nowMs = start + HOUR + 1000;
    expect(await pushFor(client, "pay_clock_after")).toMatchObject({ kind: "succeeded" });
    expect(sim.sessionsIssued()).toBe(2);
    expect(await sessionRefusals()).toBe(0);
  });
});
