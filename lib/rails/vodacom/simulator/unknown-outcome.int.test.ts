import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitUntil } from "@/lib/rails/daraja/simulator/test-support";
import type { VodacomClient } from "../client";
import { pushConversationId } from "../conversation-id";
import { scenarioMsisdn } from "./scenarios";
import type { RunningVodacomSimulator } from "./server";
import { clientFor, startTestSimulator } from "./test-support";

/**
 * The synchronous form's trap: the HTTP call lasts while the customer finds the PIN. When our
 * timeout comes first the outcome is unknown; the push is not retried, and the status query tells
 * the truth later.
 */
describe("a synchronous push whose HTTP call times out", () => {
  let sim: RunningVodacomSimulator;
  let client: VodacomClient;
  const pushesSent: string[] = [];
  beforeAll(async () => {
    sim = await startTestSimulator({ slowPinMs: 1500, hangMs: 10_000, syncWaitMs: 10_000 });
    const counting: typeof fetch = (input, init) => {
      if (String(input).includes("/c2bPayment/")) pushesSent.push(String(init?.body));
      return fetch(input, init);
    };
    client = clientFor(sim, { timeouts: { c2bMs: 200 } }, { fetch: counting });
  });
  afterAll(() => sim.close());

  const queryOutcome = async (attemptId: string) => {
    const answer = await client.queryTransactionStatus({ queryReference: pushConversationId(attemptId) });
    return answer.kind === "found" ? answer : null;
  };

  it("is unknown when the answer is lost, never retried, and the query later says Completed", async () => {
    const result = await client.c2bPayment({ attemptId: "pay_lost", amount: 2500, phone: scenarioMsisdn("answer-lost"), reference: "INV-LOST", description: "Mkeka" });
    expect(result).toMatchObject({ kind: "unknown", duplicate: false, thirdPartyConversationId: pushConversationId("pay_lost"), error: { kind: "unknown_outcome" } });
    // Our own timeout ended the call, not the simulator dropping the connection after hangMs.
    expect(result.kind === "unknown" && result.reason).toMatch(/did not answer within the timeout/);

    const settled = await waitUntil(async () => {
      const found = await queryOutcome("pay_lost");
      return found?.status === "completed" ? found : null;
    });
    const record = sim.transactions().find((t) => t.thirdPartyConversationId === pushConversationId("pay_lost"));
    expect(settled).toMatchObject({ outcome: "succeeded", transactionId: record?.transactionId });
    expect(pushesSent.filter((b) => b.includes(pushConversationId("pay_lost")))).toHaveLength(1);
  });

  it("is unknown while a slow customer is still typing: the query says N/A, then Completed", async () => {
    const result = await client.c2bPayment({ attemptId: "pay_slow", amount: 4000, phone: scenarioMsisdn("slow-pin"), reference: "INV-SLOW", description: "Kanga" });
    expect(result).toMatchObject({ kind: "unknown" });
    expect(await queryOutcome("pay_slow")).toMatchObject({ rawStatus: "N/A", outcome: "unknown" });
    const settled = await waitUntil(async () => {
      const found = await queryOutcome("pay_slow");
      return found?.status === "completed" ? found : null;
    }, 5000);
    expect(settled.outcome).toBe("succeeded");
    expect(sim.transactions().find((t) => t.thirdPartyConversationId === pushConversationId("pay_slow"))).toMatchObject({ state: "completed", decidedBy: "scenario" });
    expect(pushesSent.filter((b) => b.includes(pushConversationId("pay_slow")))).toHaveLength(1);
  });
});
