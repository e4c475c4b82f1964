import pino from "pino";
import { describe, expect, it } from "vitest";
import type { DarajaConfig } from "@/lib/env";
import { registerC2bUrls } from "./c2b/register-url";
import { createDarajaApi } from "./daraja-api";
import { requestB2cPayment } from "./initiator/b2c-payment";
import { requestReversal } from "./initiator/reversal";
import { requestTransactionStatus } from "./initiator/transaction-status";
import { queryPullTransactions } from "./pull/query";
import { registerPullTransactions } from "./pull/register";
import { pullTransactionsWindow } from "./pull/window";

/**
 * The new clients against a scripted Daraja: what each one sends (field names, spellings, types)
 * and how it reads every kind of answer, including the ones the simulator does not produce.
 */
const config: DarajaConfig = {
  mode: "test", baseUrl: "https://daraja.test", consumerKey: "key", consumerSecret: "secret", shortcode: "600984", passkey: "x", tillNumber: null,
  timeoutMs: 100, isSimulator: false,
};
const silent = pino({ level: "silent" });
const initiator = { name: "apiop37", securityCredential: "c2VjcmV0" };
const urls = { resultUrl: "https://pay.example.co.ke/r/1", queueTimeoutUrl: "https://pay.example.co.ke/t/1" };
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
const ACK = { OriginatorConversationID: "1236-7134259-1", ConversationID: "AG_20210709_1234409f86436c583e3f", ResponseCode: "0", ResponseDescription: "Accept the service request successfully." };

type Reply = Response | Error | ((body: Record<string, unknown>) => Response);

/** OAuth always works; every other call takes the next scripted reply. */
function scripted(...replies: Reply[]) {
  const sent: { path: string; body: Record<string, unknown>; authorization: string | null }[] = [];
  let tokens = 0;
  const fetchImpl: typeof fetch = async (input, init) => {
    const url = new URL(String(input));
    if (url.pathname === "/oauth/v1/generate") return json({ access_token: `token-${++tokens}`, expires_in: "3599" });
    const body = JSON.parse(String(init?.body)) as Record<string, unknown>;
    sent.push({ path: url.pathname, body, authorization: new Headers(init?.headers).get("authorization") });
    const reply = replies.shift();
    if (!reply) throw new Error(`unexpected call to ${url.pathname}`);
    if (reply instanceof Error) throw reply;
    return typeof reply === "function" ? reply(body) : reply;
  };
  return { api: createDarajaApi(config, { fetch: fetchImpl, logger: silent }), sent };
}
const timeout = () => Object.assign(new Error("The operation was aborted due to timeout"), { name: "TimeoutError" });
const refused = () => Object.assign(new TypeError("fetch failed"), { cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }) });

describe("the initiator requests", () => {
  it("Transaction Status sends Initiator, only the ids it has, and reads the acknowledgement", async () => {
    const { api, sent } = scripted(json(ACK));
    const result = await requestTransactionStatus(api, { initiator, partyA: "600984", transactionId: "NEF61H8J60", ...urls });
    expect(result).toEqual({ kind: "accepted", originatorConversationId: ACK.OriginatorConversationID, conversationId: ACK.ConversationID, responseDescription: ACK.ResponseDescription });
    expect(sent[0]).toMatchObject({ path: "/mpesa/transactionstatus/v1/query", authorization: "Bearer token-1", body: {
      Initiator: "apiop37", SecurityCredential: "c2VjcmV0", CommandID: "TransactionStatusQuery", TransactionID: "NEF61H8J60", PartyA: "600984", IdentifierType: "4",
      ResultURL: urls.resultUrl, QueueTimeOutURL: urls.queueTimeoutUrl, Remarks: "Status check", Occasion: "" } });
    expect(sent[0]!.body).not.toHaveProperty("OriginalConversationID");
  });

  it("Reversal sends the misspelled RecieverIdentifierType and the amount as a string", async () => {
    const { api, sent } = scripted(json(ACK));
    await requestReversal(api, { initiator, transactionId: "PDU91HIVIT", amount: 200, receiverParty: "603021", ...urls });
    expect(sent[0]).toMatchObject({ path: "/mpesa/reversal/v1/request", body: { CommandID: "TransactionReversal", TransactionID: "PDU91HIVIT", Amount: "200", ReceiverParty: "603021", RecieverIdentifierType: "11" } });
    expect(sent[0]!.body).not.toHaveProperty("ReceiverIdentifierType");
  });

  it("B2C sends InitiatorName, Occassion, the v3 idempotency key; v1 goes to the old path without it", async () => {
    const { api, sent } = scripted(json(ACK), json(ACK));
    const input = { initiator, originatorConversationId: "refund-42", amount: 10, partyA: "600992", partyB: "0705912645", occasion: "Refund 42", ...urls };
    await requestB2cPayment(api, input);
    await requestB2cPayment(api, { ...input, version: "v1" });
    expect(sent[0]).toMatchObject({ path: "/mpesa/b2c/v3/paymentrequest", body: { InitiatorName: "apiop37", OriginatorConversationID: "refund-42", CommandID: "BusinessPayment",
      Amount: "10", PartyB: "254705912645", Occassion: "Refund 42" } });
    expect(sent[0]!.body).not.toHaveProperty("Initiator");
    expect(sent[1]!.path).toBe("/mpesa/b2c/v1/paymentrequest");
    expect(sent[1]!.body).not.toHaveProperty("OriginatorConversationID");
  });

  it("a timeout leaves a reversal or B2C unknown, but a status query retryable; a refused connection is retryable for all", async () => {
    const { api } = scripted(timeout(), timeout(), timeout(), refused());
    expect(await requestReversal(api, { initiator, transactionId: "PDU91HIVIT", amount: 200, receiverParty: "603021", ...urls })).toMatchObject({ kind: "unknown" });
    expect(await requestB2cPayment(api, { initiator, originatorConversationId: "r1", amount: 10, partyA: "600992", partyB: "254705912645", ...urls })).toMatchObject({ kind: "unknown" });
    expect(await requestTransactionStatus(api, { initiator, partyA: "600984", transactionId: "NEF61H8J60", ...urls })).toMatchObject({ kind: "retryable" });
    expect(await requestReversal(api, { initiator, transactionId: "PDU91HIVIT", amount: 200, receiverParty: "603021", ...urls })).toMatchObject({ kind: "retryable" });
  });

  it.each([
    [json({ ResponseCode: "1", ResponseDescription: "Rejected" }), "rejected"],
    [json({ hello: "world" }), "unknown"],
    [new Response("<html>oops</html>", { status: 502 }), "unknown"],
    [json({ requestId: "x", errorCode: "400.002.02", errorMessage: "Bad Request - Invalid Initiator" }, 400), "rejected"],
    [json({ requestId: "x", errorCode: "500.003.02", errorMessage: "Spike arrest" }, 500), "retryable"],
  ])("reads an answer of another kind (%#) as %s", async (reply, kind) => {
    const { api } = scripted(reply);
    expect(await requestReversal(api, { initiator, transactionId: "PDU91HIVIT", amount: 200, receiverParty: "603021", ...urls })).toMatchObject({ kind });
  });

  it("a refused token is fetched again once; refused twice it is a configuration problem", async () => {
    const invalid = () => json({ requestId: "x", errorCode: "404.001.03", errorMessage: "Invalid Access Token" }, 404);
    const once = scripted(invalid(), json(ACK));
    expect(await requestTransactionStatus(once.api, { initiator, partyA: "600984", transactionId: "NEF61H8J60", ...urls })).toMatchObject({ kind: "accepted" });
    expect(once.sent.map((s) => s.authorization)).toEqual(["Bearer token-1", "Bearer token-2"]);
    const twice = scripted(invalid(), invalid());
    expect(await requestTransactionStatus(twice.api, { initiator, partyA: "600984", transactionId: "NEF61H8J60", ...urls }))
      .toMatchObject({ kind: "rejected", error: { kind: "configuration", message: expect.stringContaining("API product") } });
  });

  it("refuses bad input without calling Daraja", async () => {
    const { api, sent } = scripted();
    expect(await requestReversal(api, { initiator, transactionId: "short", amount: 200, receiverParty: "603021", ...urls })).toMatchObject({ kind: "rejected", error: { field: "transactionId" } });
    expect(await requestReversal(api, { initiator, transactionId: "PDU91HIVIT", amount: 2.5, receiverParty: "603021", ...urls })).toMatchObject({ kind: "rejected", error: { field: "amount" } });
    expect(await requestB2cPayment(api, { initiator, originatorConversationId: "r 1", amount: 10, partyA: "600992", partyB: "254705912645", ...urls })).toMatchObject({ kind: "rejected" });
    expect(await requestB2cPayment(api, { initiator, originatorConversationId: "r1", amount: 10, partyA: "600992", partyB: "12345", ...urls })).toMatchObject({ kind: "rejected", error: { field: "partyB" } });
    expect(await requestTransactionStatus(api, { initiator, partyA: "600984", transactionId: "X1", remarks: "x", ...urls })).toMatchObject({ kind: "rejected", error: { field: "remarks" } });
    expect(await requestTransactionStatus(api, { initiator, partyA: "600984", transactionId: "X1", resultUrl: "https://PAY.example/r", queueTimeoutUrl: "not a url" }))
      .toMatchObject({ kind: "rejected", error: { field: "queueTimeoutUrl" } });
    expect(sent).toEqual([]);
  });
});

describe("registerC2bUrls reads every form of the answer", () => {
  const input = { shortCode: "600984", responseType: "Completed" as const, confirmationUrl: "https://pay.example.co.ke/c2b/confirm", validationUrl: "https://pay.example.co.ke/c2b/validate" };
  it.each([
    [json({ OriginatorCoversationID: "6e86-45dd", ResponseCode: "0", ResponseDescription: "Success" }), { kind: "registered", responseCode: "0", originatorConversationId: "6e86-45dd" }],
    [json({ ConversationID: "", OriginatorCoversationID: "", ResponseDescription: "success" }), { kind: "registered", responseCode: "0" }],
    [json({ ResponseDescription: "Validation and Confirmation URLs are already registered" }), { kind: "already_registered" }],
    [json({ requestId: "x", errorCode: "500.003.1001", errorMessage: "Duplicate notification info, SP ID is 107031" }, 500), { kind: "already_registered" }],
    [json({ requestId: "x", errorCode: "401.003.01", errorMessage: "Invalid API call as no apiproduct match found" }, 401), { kind: "rejected", error: { kind: "configuration" } }],
    [json({ ResponseCode: "1", ResponseDescription: "Failed" }), { kind: "rejected" }],
  ])("%#", async (reply, expected) => {
    const { api, sent } = scripted(reply);
    expect(await registerC2bUrls(api, input)).toMatchObject(expected);
    expect(sent[0]).toMatchObject({ path: "/mpesa/c2b/v2/registerurl", body: { ShortCode: "600984", ResponseType: "Completed" } });
  });
});

describe("Pull Transactions", () => {
  const window = { shortCode: "600000", start: new Date("2026-10-01T05:00:00Z"), end: new Date("2026-10-01T07:00:00Z") };
  const row = (id: string) => ({ transactionId: id, trxDate: "2026-10-01T06:00:00Z", msisdn: 722000000, amount: "10.00", transactiontype: "c2b-pay-bill-debit" });
  const page = (...ids: string[]) => json({ ResponseRefID: "r", ResponseCode: "1000", ResponseMessage: "Success", Response: [ids.map(row)] });

  it("sends the window in EAT and the offset as a string", async () => {
    const { api, sent } = scripted(page("LHG31AA5TX"));
    expect(await queryPullTransactions(api, { ...window, offset: 0 })).toMatchObject({ kind: "page", rowCount: 1 });
    expect(sent[0]!.body).toEqual({ ShortCode: "600000", StartDate: "2026-10-01 08:00:00", EndDate: "2026-10-01 10:00:00", OffSetValue: "0" });
  });

  it.each([
    [json({ ResponseCode: "500", ResponseMessage: "Failed to retrieve transactions." }), { kind: "error", error: { kind: "retryable", errorCode: "500" } }],
    [json({ ResponseCode: "400.001", ResponseMessage: "Invalid ShortCode" }), { kind: "error", error: { kind: "permanent" } }],
    [json({ requestId: "x", errorCode: "400.002.02", errorMessage: "Bad Request - Invalid StartDate" }), { kind: "error", error: { errorCode: "400.002.02" } }],
    [json({ ResponseCode: "1001", ResponseMessage: "No transactions available", Transaction: "[[]]" }), { kind: "none" }],
  ])("routes on ResponseCode, never on HTTP 200 (%#)", async (reply, expected) => {
    const { api } = scripted(reply);
    expect(await queryPullTransactions(api, { ...window, offset: 0 })).toMatchObject(expected);
  });

  it("stops at TotalPages in page mode, at a page with nothing new, and at maxPages (truncated)", async () => {
    const byPages = scripted(json({ ResponseCode: "1000", Response: [[row("AAAAAAAAA1")]], TotalPages: 2 }), json({ ResponseCode: "1000", Response: [[row("AAAAAAAAA2")]], TotalPages: 2 }));
    expect(await pullTransactionsWindow(byPages.api, { ...window, offsetMode: "pages" })).toMatchObject({ kind: "complete", pages: 2, transactions: [{ receipt: "AAAAAAAAA1" }, { receipt: "AAAAAAAAA2" }] });
    expect(byPages.sent.map((s) => s.body.OffSetValue)).toEqual(["0", "1"]);

    const ignoring = scripted(page("AAAAAAAAA1", "AAAAAAAAA2"), page("AAAAAAAAA1", "AAAAAAAAA2"));
    expect(await pullTransactionsWindow(ignoring.api, window)).toMatchObject({ kind: "complete", pages: 2, truncated: false });
    expect(ignoring.sent.map((s) => s.body.OffSetValue)).toEqual(["0", "2"]);

    const endless = scripted(page("AAAAAAAAA1"), page("AAAAAAAAA2"), page("AAAAAAAAA3"));
    expect(await pullTransactionsWindow(endless.api, { ...window, maxPages: 2 })).toMatchObject({ kind: "complete", pages: 2, truncated: true });
  });

  it("counts rows it cannot read instead of failing the window", async () => {
    const { api } = scripted(json({ ResponseCode: "1000", Response: [[row("AAAAAAAAA1"), { transactionId: "", amount: "x" }]] }), json({ ResponseCode: "1001" }));
    expect(await pullTransactionsWindow(api, window)).toMatchObject({ kind: "complete", unreadableRows: 1, transactions: [{ receipt: "AAAAAAAAA1" }] });
  });

  it("registration reads ResponseStatus in both spellings and refuses other statuses", async () => {
    const input = { shortCode: "600000", nominatedNumber: "254722000000", callbackUrl: "https://pay.example.co.ke/pull" };
    const { api, sent } = scripted(json({ ResponseRefID: "a", ResponseStatus: "1000", ResponseDescription: "Shortcode Registered Successfully" }),
      json({ ResponseRefID: "b", "Response Status": "1001", "Response Description": "ShortCode already Registered" }), json({ ResponseStatus: "1002", ResponseDescription: "??" }));
    expect(await registerPullTransactions(api, input)).toMatchObject({ kind: "registered", alreadyRegistered: false, responseRefId: "a" });
    expect(await registerPullTransactions(api, input)).toMatchObject({ kind: "registered", alreadyRegistered: true });
    expect(await registerPullTransactions(api, input)).toMatchObject({ kind: "rejected", error: { errorCode: "1002" } });
    expect(sent[0]!.body).toEqual({ ShortCode: "600000", RequestType: "Pull", NominatedNumber: "254722000000", CallBackURL: "https://pay.example.co.ke/pull" });
  });
});
