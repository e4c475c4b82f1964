import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitUntil } from "@/lib/rails/daraja/simulator/test-support";
import { scenarioMsisdn, SCENARIOS } from "./scenarios";
import type { RunningVodacomSimulator } from "./server";
import { clientFor, rawRequest, startTestSimulator } from "./test-support";

describe("the Vodacom simulator's /__sim endpoints", () => {
  let sim: RunningVodacomSimulator;
  beforeAll(async () => {
    sim = await startTestSimulator({ syncWaitMs: 10_000 });
  });
  afterAll(() => sim.close());
  const client = () => clientFor(sim);

  it("list transactions and refusals, filtered by number or conversation id", async () => {
    const paid = await client().c2bPayment({ attemptId: "pay_intro", amount: 10, phone: scenarioMsisdn("success"), reference: "IN-1", description: "x" });
    await client().c2bPayment({ attemptId: "pay_intro", amount: 10, phone: scenarioMsisdn("success"), reference: "IN-1", description: "x" });
    const listed = await rawRequest(sim, `/__sim/transactions?thirdPartyConversationId=${paid.thirdPartyConversationId}`);
    expect(listed.json).toMatchObject({
      transactions: [{ kind: "c2b", state: "completed", msisdn: scenarioMsisdn("success"), amountMinor: 10, scenario: "success", createdAt: expect.any(String) }],
      refused: [{ code: "INS-10", api: "c2bPayment", httpStatus: 409 }],
    });
    expect((await rawRequest(sim, "/__sim/transactions?msisdn=255700000000")).json).toEqual({ transactions: [], refused: [] });
  });

  it("publish the scenario table", async () => {
    expect((await rawRequest(sim, "/__sim/scenarios")).json?.scenarios).toHaveLength(SCENARIOS.length);
  });

  it("reset forgets everything and drops held answers: the waiting client is left not knowing", async () => {
    const pending = client().c2bPayment({ attemptId: "pay_reset", amount: 10, phone: scenarioMsisdn("manual"), reference: "IN-2", description: "x" });
    await waitUntil(() => sim.transactions().find((t) => t.reference === "IN-2") ?? null);
    expect((await rawRequest(sim, "/__sim/reset", { method: "POST" })).json).toEqual({ ok: true });
    expect(await pending).toMatchObject({ kind: "unknown" });
    expect(sim.transactions()).toEqual([]);
  });
});

describe("a seeded simulator", () => {
  it("repeats its identifiers for the same seed and requests", async () => {
    const run = async () => {
      const sim = await startTestSimulator({ seed: "replay", now: () => new Date(Date.UTC(2026, 0, 1)) });
      try {
        const result = await clientFor(sim).c2bPayment({ attemptId: "pay_seed", amount: 10, phone: scenarioMsisdn("sandbox-success"), reference: "S", description: "x" });
        return result.kind === "succeeded" ? [result.transactionId, result.conversationId] : [];
      } finally {
        await sim.close();
      }
    };
    const first = await run();
    expect(first).toHaveLength(2);
    expect(await run()).toEqual(first);
  });
});
