import pino from "pino";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { SANDBOX_SHORTCODE } from "@/lib/env";
import { createDarajaApi, type DarajaApi } from "../daraja-api";
import { ledgerLineFromB2c, ledgerLineFromReversal, ledgerLineFromTransactionStatus } from "../ledger-line";
import { startNotificationReceiver, simulatorConfig, simulatorInitiator, type NotificationReceiver } from "../simulator/ledger-test-support";
import { refundScenarioPhone } from "../simulator/refund-scenarios";
import { startSimulator, type RunningSimulator } from "../simulator/server";
import { getToken, postJson, waitUntil } from "../simulator/test-support";
import { requestB2cPayment, type B2cPaymentInput } from "./b2c-payment";
import type { InitiatorCredentials } from "./credentials";
import { parseQueueTimeout } from "./queue-timeout";
import type { InitiatorRequestResult } from "./request";
import { parseInitiatorResult, type InitiatorResult } from "./result";
import { readB2cResult } from "./b2c-result";
import { requestReversal, REVERSAL_PATH } from "./reversal";
import { readReversalResult } from "./reversal-result";
import { requestTransactionStatus } from "./transaction-status";
import { readTransactionStatusResult } from "./transaction-status-result";

/**
 * Transaction Status, Reversal and B2C over HTTP against the simulator: the acknowledgement, the
 * asynchronous result on ResultURL read with the gateway's parsers, every outcome the simulator
 * offers (credentials wrong and locked, unknown receipts, already reversed, insufficient balance,
 * results that never come, queue timeouts), and the ledger lines they produce.
 */
const silent = pino({ level: "silent" });
const CUSTOMER = "254712345126";

let sim: RunningSimulator;
let receiver: NotificationReceiver;
let api: DarajaApi;
let initiator: InitiatorCredentials;
let sequence = 0;

function urls(name: string) {
  const id = `${name}-${++sequence}`;
  return { resultUrl: `${receiver.url}/result/${id}`, queueTimeoutUrl: `${receiver.url}/timeout/${id}`, resultPath: `/result/${id}`, timeoutPath: `/timeout/${id}` };
}

async function resultOn(path: string): Promise<InitiatorResult> {
  const [received] = await receiver.waitFor(path);
  const parsed = parseInitiatorResult(received!.body);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.result;
}

function accepted(result: InitiatorRequestResult) {
  if (result.kind !== "accepted") throw new Error(`expected accepted, got ${result.kind}: ${"error" in result ? result.error.message : ""}`);
  return result;
}

async function customerPays(amount: number, msisdn = CUSTOMER): Promise<string> {
  const res = await fetch(`${sim.url}/__sim/c2b/pay`, { method: "POST", body: JSON.stringify({ shortcode: SANDBOX_SHORTCODE, amount, billRefNumber: "INV1", msisdn }) });
  return ((await res.json()) as { receipt: string }).receipt;
}

async function status(query: { transactionId?: string; originalConversationId?: string }, as = initiator) {
  const u = urls("status");
  accepted(await requestTransactionStatus(api, { initiator: as, partyA: SANDBOX_SHORTCODE, ...query, resultUrl: u.resultUrl, queueTimeoutUrl: u.queueTimeoutUrl }));
  return resultOn(u.resultPath);
}

async function reverse(receipt: string, amount: number, as = initiator) {
  const u = urls("reversal");
  const ack = await requestReversal(api, { initiator: as, transactionId: receipt, amount, receiverParty: SANDBOX_SHORTCODE, resultUrl: u.resultUrl, queueTimeoutUrl: u.queueTimeoutUrl });
  return { ack, ...u };
}

async function b2c(partyB: string, amount: number, overrides: Partial<B2cPaymentInput> = {}) {
  const u = urls("b2c");
  const ack = await requestB2cPayment(api, { initiator, originatorConversationId: `refund-${++sequence}`, amount, partyA: SANDBOX_SHORTCODE, partyB,
    resultUrl: u.resultUrl, queueTimeoutUrl: u.queueTimeoutUrl, ...overrides });
  return { ack, ...u };
}

beforeAll(async () => {
  receiver = await startNotificationReceiver();
  sim = await startSimulator({ port: 0, seed: "initiator", resultDelayMs: 10, credentialLockAfter: 3 });
  api = createDarajaApi(simulatorConfig(sim), { logger: silent });
  initiator = simulatorInitiator(sim);
});
afterEach(async () => {
  await sim.reset();
});
afterAll(async () => {
  await Promise.all([sim.close(), receiver.close()]);
});

describe("requestTransactionStatus", () => {
  it("finds a payment by receipt: the full payer number, ReceiptNo (not the envelope's TransactionID), a ledger line", async () => {
    const receipt = await customerPays(1500);
    const outcome = readTransactionStatusResult(await status({ transactionId: receipt }));
    expect(outcome).toMatchObject({ kind: "found", receipt, status: "Completed", completed: true, amountMinor: 150000, reasonType: "Pay Bill",
      debitParty: { identifier: CUSTOMER, msisdn: { kind: "full", msisdn: CUSTOMER } }, creditParty: { identifier: SANDBOX_SHORTCODE } });
    expect(ledgerLineFromTransactionStatus(outcome, SANDBOX_SHORTCODE)).toMatchObject({ receipt, direction: "in", amountMinor: 150000, msisdn: { kind: "full" } });
  });

  it("finds a B2C payment by our OriginatorConversationID", async () => {
    await customerPays(1000);
    const sent = await b2c(CUSTOMER, 200, { originatorConversationId: "refund-by-ocid" });
    accepted(sent.ack);
    await receiver.waitFor(sent.resultPath);
    const outcome = readTransactionStatusResult(await status({ originalConversationId: "refund-by-ocid" }));
    expect(outcome).toMatchObject({ kind: "found", completed: true, amountMinor: 20000, reasonType: "Business Payment to Customer via API", debitParty: { identifier: SANDBOX_SHORTCODE } });
    expect(ledgerLineFromTransactionStatus(outcome, SANDBOX_SHORTCODE)).toMatchObject({ direction: "out", msisdn: { msisdn: CUSTOMER } });
  });

  it("an unknown receipt is 2032", async () => {
    expect(readTransactionStatusResult(await status({ transactionId: "UJ1XXXXXXX" }))).toMatchObject({ kind: "failed", classification: { code: "2032", cause: "not_found" } });
  });

  it("a wrong password is 2001; after 3 failures the initiator is locked (8006), right password or not", async () => {
    const wrong = simulatorInitiator(sim, "not-the-password");
    for (let i = 0; i < 3; i++) {
      expect(readTransactionStatusResult(await status({ transactionId: "UJ1XXXXXXX" }, wrong))).toMatchObject({ kind: "failed", classification: { code: "2001", cause: "credentials" } });
    }
    expect(readTransactionStatusResult(await status({ transactionId: "UJ1XXXXXXX" }))).toMatchObject({ kind: "failed", classification: { code: "8006", cause: "credentials_locked" } });
  });

  it("refuses a request without receipt or conversation id before calling Daraja", async () => {
    const u = urls("status");
    expect(await requestTransactionStatus(api, { initiator, partyA: SANDBOX_SHORTCODE, resultUrl: u.resultUrl, queueTimeoutUrl: u.queueTimeoutUrl }))
      .toMatchObject({ kind: "rejected", error: { field: "transactionId" } });
  });
});

describe("requestReversal", () => {
  it("gives a payment back: the result names both receipts, and a second reversal is R000001", async () => {
    const receipt = await customerPays(1500);
    const sent = await reverse(receipt, 1500);
    accepted(sent.ack);
    const outcome = readReversalResult(await resultOn(sent.resultPath));
    expect(outcome).toMatchObject({ kind: "reversed", originalReceipt: receipt, amountMinor: 150000, debitAccountBalances: [{ name: "Utility Account", availableMinor: 0 }] });
    const line = ledgerLineFromReversal(outcome, SANDBOX_SHORTCODE);
    expect(line).toMatchObject({ direction: "out", linkedReceipt: receipt, amountMinor: 150000 });
    expect(sim.transactions().map((t) => [t.kind, t.receipt, t.linkedReceipt])).toEqual([["c2b", receipt, null], ["reversal", line!.receipt, receipt]]);

    const again = await reverse(receipt, 1500);
    expect(readReversalResult(await resultOn(again.resultPath))).toMatchObject({ kind: "failed", classification: { code: "R000001", cause: "already_reversed" } });
  });

  it("an unknown receipt is R000002; an amount other than the original's is refused", async () => {
    const unknown = await reverse("UJ1XXXXXXX", 10);
    expect(readReversalResult(await resultOn(unknown.resultPath))).toMatchObject({ kind: "failed", classification: { code: "R000002", cause: "not_found" } });
    const receipt = await customerPays(300);
    expect((await reverse(receipt, 100)).ack).toMatchObject({ kind: "rejected", error: { errorCode: "400.002.02", field: "Amount" } });
  });

  it("reversal-already-reversed: reversed on the portal first, R000001, and the portal's reversal is in the ledger", async () => {
    const receipt = await customerPays(800, refundScenarioPhone("reversal-already-reversed"));
    const sent = await reverse(receipt, 800);
    expect(readReversalResult(await resultOn(sent.resultPath))).toMatchObject({ kind: "failed", classification: { cause: "already_reversed" } });
    expect(sim.transactions().filter((t) => t.kind === "reversal")).toMatchObject([{ linkedReceipt: receipt, via: "portal", amount: 800 }]);
  });

  it("reversal-insufficient-balance, and a real shortfall after the money was paid out: result 1", async () => {
    const scripted = await customerPays(100, refundScenarioPhone("reversal-insufficient-balance"));
    const first = await reverse(scripted, 100);
    expect(readReversalResult(await resultOn(first.resultPath))).toMatchObject({ kind: "failed", classification: { code: "1", cause: "insufficient_balance" } });

    const receipt = await customerPays(500);
    const payout = await b2c("254712000999", 600);
    await receiver.waitFor(payout.resultPath);
    const short = await reverse(receipt, 500);
    expect(readReversalResult(await resultOn(short.resultPath))).toMatchObject({ kind: "failed", classification: { code: "1" } });
  });

  it("reversal-no-result: carried out, nothing ever posted; Transaction Status finds the reversal", async () => {
    const receipt = await customerPays(400, refundScenarioPhone("reversal-no-result"));
    const sent = await reverse(receipt, 400);
    const ack = accepted(sent.ack);
    const reversal = await waitUntil(() => sim.transactions().find((t) => t.kind === "reversal"));
    // Results go out in the order requests were made: once a later one has arrived, the lost one is not merely slow.
    const later = readTransactionStatusResult(await status({ originalConversationId: ack.originatorConversationId }));
    expect(receiver.on(sent.resultPath)).toEqual([]);
    expect(receiver.on(sent.timeoutPath)).toEqual([]);
    expect(later).toMatchObject({ kind: "found", receipt: reversal.receipt, completed: true, reasonType: "Pay Utility Reversal", amountMinor: 40000 });
  });

  it("reversal-queue-timeout: a notice on QueueTimeOutURL, nothing reversed", async () => {
    const receipt = await customerPays(400, refundScenarioPhone("reversal-queue-timeout"));
    const sent = await reverse(receipt, 400);
    const ack = accepted(sent.ack);
    const [notice] = await receiver.waitFor(sent.timeoutPath);
    expect(parseQueueTimeout(notice!.body)).toMatchObject({ ok: true, notice: { originatorConversationId: ack.originatorConversationId, conversationId: ack.conversationId } });
    expect(receiver.on(sent.resultPath)).toEqual([]);
    expect(sim.transactions().map((t) => t.kind)).toEqual(["c2b"]);
  });

  it("the correctly spelled ReceiverIdentifierType is refused, as Daraja does", async () => {
    const token = await getToken(sim.url);
    const u = urls("raw");
    const { status: httpStatus, body } = await postJson(`${sim.url}${REVERSAL_PATH}`, token, {
      Initiator: initiator.name, SecurityCredential: initiator.securityCredential, CommandID: "TransactionReversal", TransactionID: "UJ1XXXXXXX", Amount: "10",
      ReceiverParty: SANDBOX_SHORTCODE, ReceiverIdentifierType: "11", ResultURL: u.resultUrl, QueueTimeOutURL: u.queueTimeoutUrl, Remarks: "Refund",
    });
    expect({ httpStatus, body }).toMatchObject({ httpStatus: 400, body: { errorCode: "400.002.02", errorMessage: "Bad Request - Invalid RecieverIdentifierType" } });
  });
});

describe("requestB2cPayment", () => {
  it("pays the customer: receipt, amount, its own date format, a ledger line; the same OriginatorConversationID again is a duplicate", async () => {
    await customerPays(5000);
    const sent = await b2c(CUSTOMER, 250, { originatorConversationId: "refund-once" });
    expect(accepted(sent.ack).originatorConversationId).toBe("refund-once");
    const outcome = readB2cResult(await resultOn(sent.resultPath));
    expect(outcome).toMatchObject({ kind: "paid", amountMinor: 25000, utilityAvailableMinor: 475000, recipientRegistered: true, receiver: { identifier: CUSTOMER } });
    expect(ledgerLineFromB2c(outcome, SANDBOX_SHORTCODE)).toMatchObject({ direction: "out", amountMinor: 25000, receipt: sim.transactions()[1]!.receipt });
    const again = await b2c(CUSTOMER, 250, { originatorConversationId: "refund-once" });
    expect(again.ack).toMatchObject({ kind: "duplicate", error: { errorCode: "500.002.1001" } });
  });

  it.each([
    ["b2c-insufficient-balance", "1", "insufficient_balance"],
    ["b2c-unregistered", "2040", "customer"],
    ["b2c-not-on-mpesa", "SFC_IC0003", "customer"],
  ])("%s: result %s", async (scenario, code, cause) => {
    await customerPays(5000);
    const sent = await b2c(refundScenarioPhone(scenario), 100);
    expect(readB2cResult(await resultOn(sent.resultPath))).toMatchObject({ kind: "failed", classification: { code, cause } });
    expect(sim.transactions().map((t) => t.kind)).toEqual(["c2b"]);
  });

  it("a real shortfall of the Utility account is result 1", async () => {
    await customerPays(50);
    const sent = await b2c(CUSTOMER, 100);
    expect(readB2cResult(await resultOn(sent.resultPath))).toMatchObject({ kind: "failed", classification: { code: "1" } });
  });

  it("b2c-no-result: paid, nothing posted; Transaction Status by our OriginatorConversationID finds it", async () => {
    await customerPays(5000);
    const sent = await b2c(refundScenarioPhone("b2c-no-result"), 300, { originatorConversationId: "refund-lost" });
    accepted(sent.ack);
    await waitUntil(() => sim.transactions().find((t) => t.kind === "b2c"));
    const found = readTransactionStatusResult(await status({ originalConversationId: "refund-lost" }));
    expect(receiver.on(sent.resultPath)).toEqual([]);
    expect(found).toMatchObject({ kind: "found", completed: true, amountMinor: 30000 });
  });

  it("b2c-queue-timeout: a notice, nothing paid", async () => {
    await customerPays(5000);
    const sent = await b2c(refundScenarioPhone("b2c-queue-timeout"), 300);
    await receiver.waitFor(sent.timeoutPath);
    expect(sim.transactions().map((t) => t.kind)).toEqual(["c2b"]);
  });

  it("refuses below Daraja's KES 10 minimum locally; Daraja itself answers 2 and refuses Initiator for InitiatorName", async () => {
    expect((await b2c(CUSTOMER, 5)).ack).toMatchObject({ kind: "rejected", error: { field: "amount", message: "B2C pays at least KES 10" } });
    const token = await getToken(sim.url);
    const u = urls("raw");
    const base = { SecurityCredential: initiator.securityCredential, CommandID: "BusinessPayment", PartyA: SANDBOX_SHORTCODE, PartyB: CUSTOMER, Remarks: "Refund",
      QueueTimeOutURL: u.queueTimeoutUrl, ResultURL: u.resultUrl, Occasion: "x" };
    const wrongKey = await postJson(`${sim.url}/mpesa/b2c/v3/paymentrequest`, token, { ...base, Initiator: initiator.name, OriginatorConversationID: "raw-1", Amount: "50" });
    expect(wrongKey).toMatchObject({ status: 400, body: { errorMessage: "Bad Request - Invalid InitiatorName" } });
    const small = await postJson(`${sim.url}/mpesa/b2c/v3/paymentrequest`, token, { ...base, InitiatorName: initiator.name, OriginatorConversationID: "raw-2", Amount: "5" });
    expect(small.status).toBe(200);
    expect(readB2cResult(await resultOn(u.resultPath))).toMatchObject({ kind: "failed", classification: { code: "2", cause: "limits" } });
  });
});
