import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { waitUntil } from "@/lib/rails/daraja/simulator/test-support";
import type { VodacomClient } from "../client";
import { freePort } from "../../../testing/free-port";
import { scenarioMsisdn } from "./scenarios";
import type { RunningVodacomSimulator } from "./server";
import { clientFor, startResultListener, startTestSimulator, type ResultListener } from "./test-support";

describe("the asynchronous form: answered at once, the result posted to our listener", () => {
  let sim: RunningVodacomSimulator;
  let listener: ResultListener;
  let client: VodacomClient;
  let n = 0;
  beforeAll(async () => {
    listener = await startResultListener();
    sim = await startTestSimulator({ responseMode: "async", resultUrl: listener.url });
    client = clientFor(sim, { responseMode: "async" });
  });
  beforeEach(() => listener.acknowledge());
  afterAll(async () => {
    await sim.close();
    await listener.close();
  });

  const push = (scenario: string) => client.c2bPayment({ attemptId: `pay_async_${++n}`, amount: 1200, phone: scenarioMsisdn(scenario), reference: `AS-${n}`, description: "Mchele" });
  const recordOf = (id: string | null) => sim.transactions().find((t) => t.thirdPartyConversationId === id);

  it("a success: accepted without a TransactionID, then the result with the receipt, acknowledged in Vodacom's shape", async () => {
    const result = await push("success");
    expect(result).toMatchObject({ kind: "accepted", conversationId: expect.stringMatching(/^[0-9a-f]{32}$/) });
    const posted = await listener.waitFor(result.thirdPartyConversationId ?? "");
    const record = recordOf(result.thirdPartyConversationId);
    expect(posted).toMatchObject({
      ok: true,
      result: { originalConversationId: result.kind === "accepted" ? result.conversationId : "", transactionId: record?.transactionId, resultCode: "INS-0", outcome: "succeeded" },
    });
    await waitUntil(() => recordOf(result.thirdPartyConversationId)?.deliveries[0] ?? null);
    expect(recordOf(result.thirdPartyConversationId)?.deliveries).toEqual([expect.objectContaining({ status: 200, acknowledged: true })]);
  });

  it("a decline and the lying INS-1 arrive as results too; only the query tells the INS-1 apart", async () => {
    const declined = await push("insufficient-balance");
    expect(declined.kind).toBe("accepted");
    expect(await listener.waitFor(declined.thirdPartyConversationId ?? "")).toMatchObject({ ok: true, result: { resultCode: "INS-2006", outcome: "failed", transactionId: null } });

    const lying = await push("ins1-but-paid");
    expect(await listener.waitFor(lying.thirdPartyConversationId ?? "")).toMatchObject({ ok: true, result: { resultCode: "INS-1", outcome: "unknown" } });
    expect(await client.queryTransactionStatus({ queryReference: lying.thirdPartyConversationId ?? "" })).toMatchObject({ kind: "found", status: "completed" });
  });

  it("records an answer that is not Vodacom's acknowledgement, and a listener that fails", async () => {
    listener.answerWith(200, '{"ok":true}');
    const wrongShape = await push("success");
    await waitUntil(() => recordOf(wrongShape.thirdPartyConversationId)?.deliveries[0] ?? null);
    expect(recordOf(wrongShape.thirdPartyConversationId)?.deliveries[0]).toMatchObject({ status: 200, acknowledged: false, body: '{"ok":true}' });

    listener.answerWith(500, "");
    const failing = await push("success");
    await waitUntil(() => recordOf(failing.thirdPartyConversationId)?.deliveries[0] ?? null);
    expect(recordOf(failing.thirdPartyConversationId)?.deliveries).toEqual([expect.objectContaining({ status: 500, acknowledged: false })]);
  });

  it("posts a reversal's result the same way", async () => {
    const reversal = await client.reverse({ refundId: "rf_async", transactionId: "0000000000001" });
    expect(reversal).toMatchObject({ kind: "accepted" });
    expect(await listener.waitFor(reversal.thirdPartyConversationId ?? "")).toMatchObject({ ok: true, result: { resultCode: "INS-0", transactionId: expect.any(String) } });
  });
});

describe("the asynchronous form with nobody listening", () => {
  it("records the failed delivery and carries on", async () => {
    const sim = await startTestSimulator({ responseMode: "async", resultUrl: `http://127.0.0.1:${await freePort()}/gone`, resultTimeoutMs: 500 });
    try {
      const result = await clientFor(sim, { responseMode: "async" }).c2bPayment({ attemptId: "pay_nobody", amount: 100, phone: scenarioMsisdn("sandbox-success"), reference: "NB", description: "x" });
      expect(result.kind).toBe("accepted");
      const delivery = await waitUntil(() => sim.transactions()[0]?.deliveries[0] ?? null);
      expect(delivery).toMatchObject({ status: null, acknowledged: false, error: expect.stringContaining("fetch failed") });
    } finally {
      await sim.close();
    }
  });
});
