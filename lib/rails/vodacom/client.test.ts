import { describe, expect, it } from "vitest";
import { createVodacomClient } from "./client";
import { pushConversationId, reversalConversationId } from "./conversation-id";
import { decryptBearer, importSimulatorKeys } from "./simulator/keys";
import { scriptedFetch, SESSION_OK, testConfig, testKeyPair, type ScriptedAnswer } from "./test-support";

const payment = { attemptId: "pay_1", amount: 1500, phone: "0754 000 001", reference: "INV-1", description: "Shoes" };
const paid = { status: 201, body: { output_ResponseCode: "INS-0", output_ResponseDesc: "Request processed successfully", output_TransactionID: "G27DEn1DLoQ3", output_ConversationID: "c1" } };
const refusedSession = { status: 401, body: { output_ResponseCode: "INS-2", output_ResponseDesc: "Invalid API Key" } };
const keys = importSimulatorKeys(testKeyPair());

function clientWith(answer: (api: string, n: number) => ScriptedAnswer, overrides = {}) {
  const counts = new Map<string, number>();
  const fake = scriptedFetch((api) => {
    const n = (counts.get(api) ?? 0) + 1;
    counts.set(api, n);
    return api === "getSession" ? { status: 200, body: { ...SESSION_OK.body, output_SessionID: String(n).repeat(32) } } : answer(api, n);
  });
  const client = createVodacomClient(testConfig(overrides), { fetch: fake.fetch, randomBytes: (n) => Buffer.alloc(n, 7) });
  return { client, fake };
}

describe("createVodacomClient", () => {
  it("sends the session id encrypted, never in clear, with Origin and JSON", async () => {
    const { client, fake } = clientWith(() => paid);
    await client.c2bPayment(payment);
    const [push] = fake.calls("c2bPayment/singleStage");
    const bearer = push?.headers.get("authorization")?.replace(/^Bearer /, "") ?? "";
    expect(bearer).not.toContain("1".repeat(32));
    expect(decryptBearer(keys, bearer)).toBe("1".repeat(32));
    expect(push?.headers.get("origin")).toBe("*");
    expect(push?.headers.get("content-type")).toBe("application/json");
    expect(push?.method).toBe("POST");
    expect(push?.url.pathname).toBe("/sandbox/ipg/v2/vodacomTZN/c2bPayment/singleStage/");
  });

  it("retries once with a new session when the session is refused, with the same conversation id", async () => {
    const { client, fake } = clientWith((_api, n) => (n === 1 ? refusedSession : paid));
    const result = await client.c2bPayment(payment);
    expect(result).toMatchObject({ kind: "succeeded", transactionId: "G27DEn1DLoQ3" });
    expect(fake.calls("getSession")).toHaveLength(2);
    const pushes = fake.calls("c2bPayment/singleStage");
    expect(pushes.map((p) => p.body?.input_ThirdPartyConversationID)).toEqual([pushConversationId("pay_1"), pushConversationId("pay_1")]);
    expect(pushes.map((p) => decryptBearer(keys, p.headers.get("authorization")?.slice(7) ?? ""))).toEqual(["1".repeat(32), "2".repeat(32)]);
  });

  it("gives up after the second refusal: nothing was processed, so it may be tried later", async () => {
    const { client, fake } = clientWith(() => refusedSession);
    expect(await client.c2bPayment(payment)).toMatchObject({ kind: "retryable", error: { tokenRejected: true, errorCode: "INS-2" } });
    expect(fake.calls("c2bPayment/singleStage")).toHaveLength(2);
  });

  it("never retries a payment that timed out: its outcome is unknown", async () => {
    const { client, fake } = clientWith(() => () => new Promise<never>(() => undefined), { timeouts: { c2bMs: 50 } });
    const result = await client.c2bPayment(payment);
    expect(result).toMatchObject({ kind: "unknown", duplicate: false, error: { kind: "unknown_outcome" }, thirdPartyConversationId: pushConversationId("pay_1") });
    expect(result.kind === "unknown" && result.reason).toMatch(/did not answer within the timeout .*the customer may have paid/);
    expect(fake.calls("c2bPayment/singleStage")).toHaveLength(1);
  });

  it("treats a dropped connection after sending as unknown too", async () => {
    const reset = Object.assign(new TypeError("fetch failed"), { cause: Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }) });
    const { client } = clientWith(() => reset);
    expect(await client.c2bPayment(payment)).toMatchObject({ kind: "unknown" });
  });

  it("sends nothing for input it refuses", async () => {
    const { client, fake } = clientWith(() => paid);
    expect(await client.c2bPayment({ ...payment, amount: 99.5 })).toMatchObject({ kind: "rejected", thirdPartyConversationId: null, error: { kind: "permanent", field: "amount" } });
    expect(await client.c2bPayment({ ...payment, phone: "+254 712 345 678" })).toMatchObject({ kind: "rejected", error: { field: "phone" } });
    expect(await client.reverse({ refundId: "rf", transactionId: "bad id" })).toMatchObject({ kind: "rejected", error: { field: "transactionId" } });
    expect(await client.queryTransactionStatus({ queryReference: "pay_1" })).toMatchObject({ kind: "error", error: { field: "queryReference" } });
    expect(await client.queryTransactionStatus({ queryReference: "G27DEn1DLoQ3", conversationId: " x" })).toMatchObject({ kind: "error", error: { field: "conversationId" } });
    expect(fake.requests).toHaveLength(0);
  });

  it("queries with GET and query-string parameters, each query with an id of its own", async () => {
    const { client, fake } = clientWith(() => ({ status: 200, body: { output_ResponseCode: "INS-0", output_ResponseTransactionStatus: "Completed", output_OriginalTransactionID: "G27DEn1DLoQ3", output_Reversed: "False" } }));
    expect(await client.queryTransactionStatus({ queryReference: pushConversationId("pay_1") })).toMatchObject({ kind: "found", status: "completed", transactionId: "G27DEn1DLoQ3" });
    const [query] = fake.calls("queryTransactionStatus");
    expect(query?.method).toBe("GET");
    expect(query?.body).toBeNull();
    expect(Object.fromEntries(query?.url.searchParams ?? [])).toEqual({
      input_QueryReference: pushConversationId("pay_1"), input_ServiceProviderCode: "000000", input_ThirdPartyConversationID: "07".repeat(16), input_Country: "TZN",
    });
  });

  it("reverses with PUT, the conversation id derived from the refund", async () => {
    const { client, fake } = clientWith(() => ({ status: 201, body: { output_ResponseCode: "INS-0", output_TransactionID: "R3v3rsal01" } }));
    expect(await client.reverse({ refundId: "rf_1", transactionId: "G27DEn1DLoQ3", amount: 500 })).toMatchObject({ kind: "succeeded", transactionId: "R3v3rsal01", thirdPartyConversationId: reversalConversationId("rf_1") });
    const [put] = fake.calls("reversal");
    expect(put?.method).toBe("PUT");
    expect(put?.body).toMatchObject({ input_TransactionID: "G27DEn1DLoQ3", input_ReversalAmount: "500", input_ThirdPartyConversationID: reversalConversationId("rf_1") });
  });

  it("accepts an already resolved configuration", () => {
    const config = testConfig({ market: "GHA" });
    expect(createVodacomClient(config).config).toBe(config);
  });
});
