import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { VodacomClient } from "../client";
import { scenarioMsisdn } from "./scenarios";
import type { RunningVodacomSimulator } from "./server";
import { clientFor, startTestSimulator } from "./test-support";

describe("query transaction status and reversal against the simulator", () => {
  let sim: RunningVodacomSimulator;
  let client: VodacomClient;
  let other: VodacomClient;
  let n = 0;
  beforeAll(async () => {
    sim = await startTestSimulator({ serviceProviderCodes: ["000000", "111111"] });
    client = clientFor(sim);
    other = clientFor(sim, { serviceProviderCode: "111111" });
  });
  afterAll(() => sim.close());

  const pay = async (amount: number, phone = scenarioMsisdn("success"), via = client) => {
    const result = await via.c2bPayment({ attemptId: `pay_qr_${++n}`, amount, phone, reference: `QR-${n}`, description: "Sukari" });
    return result;
  };
  const paidId = async (amount: number, via = client) => {
    const result = await pay(amount, scenarioMsisdn("success"), via);
    if (result.kind !== "succeeded" || !result.transactionId) throw new Error(result.kind);
    return result.transactionId;
  };

  it.each([
    ["000000000001", { kind: "found", status: "completed", reversed: false }],
    ["000000000000000000001", { kind: "found", status: "completed", reversed: true }],
    ["000000000002", { kind: "error", error: { errorCode: "INS-1", kind: "retryable" } }],
    ["000000000003", { kind: "error", error: { errorCode: "INS-6", kind: "retryable" } }],
    ["000000000007", { kind: "error", error: { errorCode: "INS-16", kind: "retryable" } }],
    ["000000000000000000002", { kind: "not_found" }],
    ["000000000000000000003", { kind: "error", error: { errorCode: "INS-1" } }],
    ["000000000000000000004", { kind: "error", error: { errorCode: "INS-6" } }],
    ["000000000000000000005", { kind: "error", error: { errorCode: "INS-16" } }],
  ])("the sandbox's query reference %s", async (queryReference, expected) => {
    expect(await client.queryTransactionStatus({ queryReference })).toMatchObject(expected);
  });

  it.each([
    ["0000000000001", { kind: "succeeded", transactionId: expect.stringMatching(/^[A-Za-z0-9]{12}$/) }],
    ["0000000000002", { kind: "unknown", error: { errorCode: "INS-1" } }],
    ["0000000000003", { kind: "failed", code: "INS-6" }],
    ["0000000000004", { kind: "rejected", error: { errorCode: "INS-15", kind: "permanent" } }],
    ["0000000000005", { kind: "failed", code: "INS-2006" }],
    ["0000000000006", { kind: "rejected", error: { errorCode: "INS-35", kind: "permanent" } }],
    ["0000000000007", { kind: "retryable", error: { errorCode: "INS-16" } }],
  ])("the sandbox's reversal transaction %s", async (transactionId, expected) => {
    expect(await client.reverse({ refundId: `rf_magic_${transactionId}`, transactionId })).toMatchObject(expected);
  });

  it("reverses a whole payment; the query then says it was reversed, and nothing is left to reverse", async () => {
    const transactionId = await paidId(1000);
    const reversal = await client.reverse({ refundId: "rf_whole", transactionId });
    expect(reversal).toMatchObject({ kind: "succeeded", transactionId: expect.any(String) });
    expect(reversal.kind === "succeeded" && reversal.transactionId).not.toBe(transactionId);
    expect(await client.queryTransactionStatus({ queryReference: transactionId })).toMatchObject({ kind: "found", status: "completed", reversed: true, transactionId });
    expect(await client.reverse({ refundId: "rf_whole_again", transactionId })).toMatchObject({ kind: "rejected", error: { errorCode: "INS-15" } });
    const reversalId = reversal.kind === "succeeded" ? reversal.transactionId : null;
    expect(await client.queryTransactionStatus({ queryReference: reversalId ?? "" })).toMatchObject({ kind: "found", status: "completed" });
  });

  it("reverses in parts, never beyond what was paid", async () => {
    const transactionId = await paidId(1000);
    expect(await client.reverse({ refundId: "rf_part_1", transactionId, amount: 300 })).toMatchObject({ kind: "succeeded" });
    expect(await client.reverse({ refundId: "rf_part_2", transactionId, amount: 800 })).toMatchObject({ kind: "rejected", error: { errorCode: "INS-15" } });
    expect(await client.reverse({ refundId: "rf_part_3", transactionId, amount: 700 })).toMatchObject({ kind: "succeeded" });
    expect(sim.transactions().find((t) => t.transactionId === transactionId)).toMatchObject({ amountMinor: 1000, reversedMinor: 1000 });
  });

  it("refuses to reverse what was not paid, does not exist, or belongs to another service provider", async () => {
    const cancelled = await pay(500, scenarioMsisdn("cancelled"));
    expect(cancelled.kind).toBe("cancelled");
    expect(await client.reverse({ refundId: "rf_unknown", transactionId: "NoSuchTxn1" })).toMatchObject({ kind: "rejected", error: { errorCode: "INS-18" } });
    const theirs = await paidId(700, other);
    expect(await client.reverse({ refundId: "rf_theirs", transactionId: theirs })).toMatchObject({ kind: "rejected", error: { errorCode: "INS-35" } });
    expect(await other.reverse({ refundId: "rf_theirs", transactionId: theirs })).toMatchObject({ kind: "succeeded" });
  });

  it("keeps markets apart: a Tanzanian payment is not found through another market's path", async () => {
    const transactionId = await paidId(900);
    const ghana = clientFor(sim, { market: "GHA" });
    expect(await ghana.queryTransactionStatus({ queryReference: transactionId })).toMatchObject({ kind: "not_found" });
  });
});
