import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitUntil } from "@/lib/rails/daraja/simulator/test-support";
import type { VodacomClient } from "../client";
import { pushConversationId } from "../conversation-id";
import { scenarioMsisdn } from "./scenarios";
import type { RunningVodacomSimulator } from "./server";
import { apiPath, bearerFor, clientFor, rawRequest, rawSession, startTestSimulator } from "./test-support";

const body = (overrides: Record<string, string> = {}) => JSON.stringify({
  input_Amount: "1000", input_Country: "TZN", input_Currency: "TZS", input_CustomerMSISDN: "255754000001", input_ServiceProviderCode: "000000",
  input_ThirdPartyConversationID: "asv02e5958774f7ba228d83d0d689761", input_TransactionReference: "T1234C", input_PurchasedItemsDesc: "Shoes", ...overrides,
});

describe("duplicate ThirdPartyConversationIDs", () => {
  let sim: RunningVodacomSimulator;
  let client: VodacomClient;
  // Waits as long as the simulator's customer needs, however loaded the machine is.
  let patient: VodacomClient;
  const sentIds = new Map<string, string[]>();
  beforeAll(async () => {
    sim = await startTestSimulator({ hangMs: 5000 });
    const recording: typeof fetch = (input, init) => {
      if (String(input).includes("/c2bPayment/")) {
        const sent = JSON.parse(String(init?.body)) as { input_TransactionReference: string; input_ThirdPartyConversationID: string };
        sentIds.set(sent.input_TransactionReference, [...(sentIds.get(sent.input_TransactionReference) ?? []), sent.input_ThirdPartyConversationID]);
      }
      return fetch(input, init);
    };
    client = clientFor(sim, { timeouts: { c2bMs: 200 } }, { fetch: recording });
    patient = clientFor(sim);
  });
  afterAll(() => sim.close());

  it("are refused by the simulator with INS-10 (HTTP 409), echoing the id, and only the first is taken", async () => {
    const auth = { Authorization: bearerFor(sim, await rawSession(sim)) };
    const post = (b: string) => rawRequest(sim, apiPath("c2bPayment/singleStage"), { method: "POST", headers: auth, body: b });
    expect(await post(body())).toMatchObject({ status: 201, json: { output_ResponseCode: "INS-0" } });
    expect(await post(body({ input_Amount: "5000" }))).toMatchObject({
      status: 409,
      json: { output_ResponseCode: "INS-10", output_ResponseDesc: "Duplicate Transaction", output_TransactionID: "N/A",
        output_ConversationID: expect.stringMatching(/^[0-9a-f]{32}$/), output_ThirdPartyConversationID: "asv02e5958774f7ba228d83d0d689761" },
    });
    expect(sim.transactions().filter((t) => t.thirdPartyConversationId === "asv02e5958774f7ba228d83d0d689761")).toHaveLength(1);
  });

  it("are not used up by a request refused as malformed", async () => {
    const auth = { Authorization: bearerFor(sim, await rawSession(sim)) };
    const post = (b: string) => rawRequest(sim, apiPath("c2bPayment/singleStage"), { method: "POST", headers: auth, body: b });
    expect(await post(body({ input_ThirdPartyConversationID: "fresh01", input_Country: "GHA" }))).toMatchObject({ status: 400, json: { output_ResponseCode: "INS-998" } });
    expect(await post(body({ input_ThirdPartyConversationID: "fresh01" }))).toMatchObject({ status: 201 });
  });

  it("never come from the client for one attempt: a retry is the same conversation, refused, and the query has the first", async () => {
    const input = { attemptId: "pay_retry", amount: 3000, phone: scenarioMsisdn("answer-lost"), reference: "INV-RETRY", description: "Viatu" };
    const first = await client.c2bPayment(input);
    const again = await client.c2bPayment(input);
    expect(first).toMatchObject({ kind: "unknown", duplicate: false, thirdPartyConversationId: pushConversationId("pay_retry") });
    expect(again).toMatchObject({ kind: "unknown", duplicate: true, thirdPartyConversationId: pushConversationId("pay_retry"), error: { errorCode: "INS-10", httpStatus: 409 } });
    expect(sentIds.get("INV-RETRY")).toEqual([pushConversationId("pay_retry"), pushConversationId("pay_retry")]);
    expect(sim.transactions().filter((t) => t.reference === "INV-RETRY")).toHaveLength(1);

    const answer = await waitUntil(async () => {
      const found = await client.queryTransactionStatus({ queryReference: pushConversationId("pay_retry") });
      return found.kind === "found" && found.status === "completed" ? found : null;
    });
    expect(answer.outcome).toBe("succeeded");
  });

  it("keep different attempts apart: each gets its own conversation", async () => {
    const results = await Promise.all(["pay_a", "pay_b", "pay_c"].map((attemptId) =>
      patient.c2bPayment({ attemptId, amount: 100, phone: scenarioMsisdn("success"), reference: `INV-${attemptId}`, description: "Maji" })));
    expect(results.map((r) => r.kind)).toEqual(["succeeded", "succeeded", "succeeded"]);
    expect(new Set(results.map((r) => r.thirdPartyConversationId)).size).toBe(3);
  });

  it("make a repeated reversal of one refund a no-op at Vodacom", async () => {
    const paid = await patient.c2bPayment({ attemptId: "pay_refund", amount: 800, phone: scenarioMsisdn("success"), reference: "INV-RF", description: "Unga" });
    if (paid.kind !== "succeeded" || !paid.transactionId) throw new Error(paid.kind);
    const reversal = { refundId: "rf_once", transactionId: paid.transactionId, amount: 300 };
    expect(await patient.reverse(reversal)).toMatchObject({ kind: "succeeded" });
    expect(await patient.reverse(reversal)).toMatchObject({ kind: "unknown", duplicate: true });
    expect(sim.transactions().find((t) => t.transactionId === paid.transactionId)).toMatchObject({ reversedMinor: 300 });
  });
});
