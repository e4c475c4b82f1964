import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { VodacomClient } from "../client";
import { scenarioMsisdn } from "./scenarios";
import type { RunningVodacomSimulator } from "./server";
import { apiPath, bearerFor, clientFor, rawRequest, rawSession, startTestSimulator } from "./test-support";

/** Every scripted scenario through the real client: what the push answers, then what the status query says. */
describe("Vodacom simulator scenarios through the client", () => {
  let sim: RunningVodacomSimulator;
  let client: VodacomClient;
  let n = 0;
  beforeAll(async () => {
    sim = await startTestSimulator({ syncWaitMs: 300 });
    client = clientFor(sim);
  });
  afterAll(() => sim.close());

  const push = (phone: string, amount = 1500) =>
    client.c2bPayment({ attemptId: `pay_scenario_${++n}`, amount, phone, reference: `INV-${n}`, description: "Kitenge, 2 m" });
  const statusOf = async (reference: string | null) => {
    const answer = await client.queryTransactionStatus({ queryReference: reference ?? "" });
    return answer.kind === "found" ? [answer.rawStatus, answer.outcome] : answer.kind;
  };

  it.each([
    ["sandbox-success", { kind: "succeeded", transactionId: expect.stringMatching(/^[A-Za-z0-9]{12}$/) }, ["Completed", "succeeded"]],
    ["sandbox-request-timeout", { kind: "unknown", error: { errorCode: "INS-9", httpStatus: 408 } }, ["Expired", "failed"]],
    ["sandbox-ussd-timeout", { kind: "unknown", error: { errorCode: "INS-9" } }, ["Expired", "failed"]],
    ["sandbox-incorrect-pin", { kind: "failed", code: "INS-2001" }, ["N/A", "unknown"]],
    ["sandbox-internal-error", { kind: "unknown", error: { errorCode: "INS-1", httpStatus: 500 } }, ["N/A", "unknown"]],
    ["sandbox-transaction-failed", { kind: "failed", code: "INS-6", httpStatus: 401 }, ["N/A", "unknown"]],
    ["sandbox-invalid-amount", { kind: "rejected", error: { kind: "permanent", errorCode: "INS-15" } }, ["N/A", "unknown"]],
    ["sandbox-insufficient-balance", { kind: "failed", code: "INS-2006", httpStatus: 422 }, ["N/A", "unknown"]],
    ["sandbox-service-unavailable", { kind: "retryable", error: { errorCode: "INS-16", httpStatus: 503 } }, ["N/A", "unknown"]],
    ["success", { kind: "succeeded", transactionId: expect.any(String) }, ["Completed", "succeeded"]],
    ["cancelled", { kind: "cancelled", code: "INS-5", httpStatus: 401 }, ["Cancelled", "cancelled"]],
    ["no-answer", { kind: "unknown", error: { errorCode: "INS-9" } }, ["Expired", "failed"]],
    ["insufficient-balance", { kind: "failed", code: "INS-2006" }, ["N/A", "unknown"]],
    ["ins1-but-paid", { kind: "unknown", error: { errorCode: "INS-1" } }, ["Completed", "succeeded"]],
    ["wrong-pin", { kind: "failed", code: "INS-2001" }, ["N/A", "unknown"]],
  ])("%s", async (scenario, expected, status) => {
    const result = await push(scenarioMsisdn(scenario));
    expect(result).toMatchObject(expected);
    expect(await statusOf(result.thirdPartyConversationId)).toEqual(status);
  });

  it("the INS-1 that was really a success: the query names the M-Pesa receipt", async () => {
    const result = await push(scenarioMsisdn("ins1-but-paid"));
    const answer = await client.queryTransactionStatus({ queryReference: result.thirdPartyConversationId ?? "" });
    const record = sim.transactions().find((t) => t.thirdPartyConversationId === result.thirdPartyConversationId);
    expect(answer).toMatchObject({ kind: "found", status: "completed", transactionId: record?.transactionId, reversed: false });
    expect(record).toMatchObject({ state: "completed", code: "INS-0", reportedCode: "INS-1" });
  });

  it("any other Tanzanian number pays after the PIN delay, whatever way it is written", async () => {
    for (const phone of ["0754 123 456", "754123456", "+255 754 123 456", "255754123456"]) {
      expect(await push(phone)).toMatchObject({ kind: "succeeded" });
    }
    expect(new Set(sim.transactions().filter((t) => t.scenario === "default").map((t) => t.msisdn))).toEqual(new Set(["255754123456"]));
  });

  it("the query also finds a payment by M-Pesa's TransactionID and by Vodacom's ConversationID", async () => {
    const result = await push(scenarioMsisdn("success"));
    if (result.kind !== "succeeded") throw new Error(result.kind);
    expect(await statusOf(result.transactionId)).toEqual(["Completed", "succeeded"]);
    expect(await statusOf(result.conversationId)).toEqual(["Completed", "succeeded"]);
    expect(await statusOf("NoSuchTxn123")).toBe("not_found");
  });

  it("bad input is refused before anything is sent", async () => {
    const before = { transactions: sim.transactions().length, sessions: sim.sessionsIssued() };
    const bad = [
      { attemptId: "pay_bad_1", amount: 1500.5, phone: "0754 000 001", reference: "INV", description: "x" },
      { attemptId: "pay_bad_2", amount: 1500, phone: "+254 712 345 678", reference: "INV", description: "x" },
      { attemptId: "pay_bad_3", amount: 1500, phone: "0754 000 001", reference: " INV", description: "x" },
      { attemptId: "pay_bad_4", amount: 0, phone: "0754 000 001", reference: "INV", description: "x" },
    ];
    for (const input of bad) expect(await client.c2bPayment(input)).toMatchObject({ kind: "rejected", thirdPartyConversationId: null });
    expect({ transactions: sim.transactions().length, sessions: sim.sessionsIssued() }).toEqual(before);
  });
});

describe("Vodacom simulator: bad requests over HTTP", () => {
  let sim: RunningVodacomSimulator;
  let auth: Record<string, string>;
  beforeAll(async () => {
    sim = await startTestSimulator();
    auth = { Authorization: bearerFor(sim, await rawSession(sim)) };
  });
  afterAll(() => sim.close());
  const post = (body: string, headers: Record<string, string> = {}) => rawRequest(sim, apiPath("c2bPayment/singleStage"), { method: "POST", headers: { ...auth, ...headers }, body });

  it.each([
    ["an HTML body", "<html><body>hello</body></html>", {}],
    ["broken JSON", '{"input_Amount": ', {}],
    ["a JSON array", "[1,2,3]", {}],
    ["JSON without Content-Type", JSON.stringify({ input_Amount: "1" }), { "Content-Type": "text/plain" }],
    ["an empty body", "", {}],
  ])("answers %s with INS-20 and takes nothing", async (_name, body, headers) => {
    const answer = await post(body, headers);
    expect(answer).toMatchObject({ status: 400, json: { output_ResponseCode: "INS-20", output_ResponseDesc: "Not All Parameters Provided. Please try again." } });
    expect(sim.transactions()).toEqual([]);
  });

  it("refuses a body over 256 KB with 413", async () => {
    expect((await post(JSON.stringify({ input_PurchasedItemsDesc: "x".repeat(300_000) }))).status).toBe(413);
  });
});
