import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { processCallbackJob } from "@/lib/callbacks/process-callback-job";
import { AppError } from "@/lib/errors";
import { askTransactionStatus } from "@/lib/initiator-requests/ask-transaction-status";
import { processInitiatorResultJob } from "@/lib/initiator-requests/process-initiator-result-job";
import { matchLedgerLines } from "@/lib/ledger/match-ledger-lines";
import { scenarioPhone } from "@/lib/rails/daraja/simulator/scenarios";
import { createInitiatorToken } from "@/lib/rails/initiator-token";
import { recheckPayment } from "@/lib/reconcile/recheck-payment";
import { eventually, startGateway, type Gateway, type TestStorefront } from "@/lib/testing/gateway";

/**
 * Transaction Status for one receipt, end to end over HTTP: a person asks (audited, on the
 * payment's timeline), the simulator acknowledges and later posts the result to the ResultURL,
 * which stores it first like any callback, and the worker reads it into the request and M-Pesa's
 * ledger, where the matcher fills in the payment's receipt. Refusals, unknown receipts, wrong
 * initiator credentials, a receipt that is not the payment's, a forged result and a replayed one.
 */
interface SimTransaction { receipt: string; amount: number; msisdn: string; billRef: string | null }
const finance = { id: null, email: "finance@lookups.test" };
const admin = "usr_admin0000000000000000";

describe("Transaction Status lookups", () => {
  let gw: Gateway;
  let shop: TestStorefront;
  const create = async (scenario: string, reference: string, amount = 100) => {
    const res = await gw.api(shop.keys.TEST, "POST", "/api/v1/payments", { body: { amount, phone: scenarioPhone(scenario), reference } });
    expect(res.status).toBe(201);
    return String(res.body.id);
  };
  const paidInSim = (reference: string) => eventually(async () => {
    const { transactions } = (await (await fetch(`${gw.sim.url}/__sim/transactions?kind=stk`)).json()) as { transactions: SimTransaction[] };
    return transactions.find((t) => t.billRef === reference);
  });
  const settledByQuery = async (reference: string, amount = 100) => {
    const id = await create("no-callback", reference, amount);
    await eventually(async () => {
      const result = await recheckPayment(gw.db, { paymentId: id, actorUserId: admin, reason: "customer says they paid" });
      return result.answer === "final" && result;
    }, 20_000);
    return id;
  };
  const answered = (requestId: string) => eventually(async () => {
    const r = await gw.db.initiatorRequest.findUniqueOrThrow({ where: { id: requestId } });
    return !["SENDING", "QUEUED"].includes(r.state) && r;
  });
  const timeline = async (id: string) => (await gw.db.paymentEvent.findMany({ where: { paymentId: id }, orderBy: { id: "asc" } })).map((e) => `${e.type}:${e.source}`);

  beforeAll(async () => {
    gw = await startGateway({ jobs: [processCallbackJob, processInitiatorResultJob] });
    shop = await gw.createStorefront("Lookup shop");
  });
  afterAll(async () => {
    await gw?.close();
  });

  it("looks up the receipt of a payment settled without one, and the ledger fills it in", async () => {
    const id = await settledByQuery("LOOKUP-1");
    const paid = await paidInSim("LOOKUP-1");
    const request = await askTransactionStatus(gw.db, gw.env, { paymentId: id, receipt: paid.receipt.toLowerCase(), reason: "customer sent the SMS", actor: finance, now: new Date() });
    expect(request).toMatchObject({ state: "QUEUED", receipt: paid.receipt, paymentId: id, requestedByEmail: finance.email, resultCode: "0" });
    expect(request.originatorConversationId).toMatch(/\S/);

    const done = await answered(request.id);
    expect(done).toMatchObject({ state: "ANSWERED", resultCode: "0" });
    expect(done.summary).toContain(`receipt ${paid.receipt} is Completed: KES 100 from 2547****005`);
    expect(done.summary).toContain(`for payment ${id}`);
    const line = await gw.db.ledgerLine.findFirstOrThrow({ where: { receipt: paid.receipt } });
    expect(done.ledgerLineId).toBe(line.id);
    // The one source with the payer's full number.
    expect(line).toMatchObject({ sources: ["transaction_status"], paymentId: id, amountMinor: 10_000, direction: "IN", matchStatus: "PENDING" });
    expect(line.msisdn).toMatchObject({ kind: "full", msisdn: scenarioPhone("no-callback") });
    // The stored result is on the payment's page with the raw payload, like any callback.
    const stored = await gw.db.callbackLog.findFirstOrThrow({ where: { kind: "INITIATOR_RESULT", paymentId: id } });
    expect(stored).toMatchObject({ outcome: "APPLIED", tokenValid: true, ipAllowed: true });
    expect(JSON.parse(stored.body)).toMatchObject({ Result: { ResultCode: 0, OriginatorConversationID: request.originatorConversationId } });

    await matchLedgerLines(gw.db, { now: () => new Date() });
    expect(await gw.db.payment.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "SUCCEEDED", mpesaReceipt: paid.receipt, receiptMissing: false });
    expect(await gw.db.ledgerLine.findFirstOrThrow({ where: { receipt: paid.receipt } })).toMatchObject({ matchStatus: "FILLED" });
    expect((await timeline(id)).slice(-3)).toEqual(["receipt_lookup:admin", "receipt_lookup_result:ledger", "receipt_filled:ledger"]);
    expect(await gw.db.auditLog.findFirst({ where: { action: "transaction_status.request", entityId: id } })).toMatchObject({ reason: "customer sent the SMS", actorEmail: finance.email });
  });

  it("records another payment's receipt in the ledger without naming this payment, and says why", async () => {
    const id = await settledByQuery("LOOKUP-2", 100);
    const other = await settledByQuery("LOOKUP-3", 250);
    const otherPaid = await paidInSim("LOOKUP-3");
    const request = await askTransactionStatus(gw.db, gw.env, { paymentId: id, receipt: otherPaid.receipt, reason: "typo?", actor: finance, now: new Date() });
    const done = await answered(request.id);
    expect(done.summary).toContain(`not attached to payment ${id}: the receipt is for KES 250, the payment for KES 100`);
    const line = await gw.db.ledgerLine.findFirstOrThrow({ where: { receipt: otherPaid.receipt } });
    expect(line.paymentId).toBeNull();
    await matchLedgerLines(gw.db, { now: () => new Date() });
    // Transaction Status names no account reference: the line cannot be tied to either payment on its own.
    expect(await gw.db.payment.findUniqueOrThrow({ where: { id } })).toMatchObject({ mpesaReceipt: null, status: "SUCCEEDED" });
    expect(await gw.db.payment.findUniqueOrThrow({ where: { id: other } })).toMatchObject({ mpesaReceipt: null });
    expect(await gw.db.ledgerLine.findFirstOrThrow({ where: { receipt: otherPaid.receipt } })).toMatchObject({ matchStatus: "UNATTACHED" });
  });

  it("never ties a receipt to the page it was looked up on when another payment holds it, nor when two payments could be it", async () => {
    const owner = await create("success", "LOOKUP-OWN");
    const ownerPaid = await eventually(async () => {
      const p = await gw.db.payment.findUniqueOrThrow({ where: { id: owner } });
      return p.mpesaReceipt !== null && p;
    });
    const wrongPage = await settledByQuery("LOOKUP-WRONG");
    const before = await gw.db.payment.findUniqueOrThrow({ where: { id: wrongPage } });
    const request = await askTransactionStatus(gw.db, gw.env, { paymentId: wrongPage, receipt: ownerPaid.mpesaReceipt!, reason: "wrong page", actor: finance, now: new Date() });
    const done = await answered(request.id);
    expect(done.summary).toContain(`not attached to payment ${wrongPage}: receipt ${ownerPaid.mpesaReceipt} is payment ${owner}'s`);
    // The result names another customer: it is kept with the request, not on this payment's page.
    expect(await gw.db.callbackLog.count({ where: { kind: "INITIATOR_RESULT", paymentId: wrongPage } })).toBe(0);
    await matchLedgerLines(gw.db, { now: () => new Date() });
    expect(await gw.db.payment.findUniqueOrThrow({ where: { id: owner } })).toMatchObject({ status: "SUCCEEDED", mpesaReceipt: ownerPaid.mpesaReceipt });
    expect(await gw.db.ledgerLine.findFirstOrThrow({ where: { receipt: ownerPaid.mpesaReceipt! } })).toMatchObject({ paymentId: owner, matchStatus: "MATCHED", disagreement: null });
    expect(await gw.db.payment.findUniqueOrThrow({ where: { id: wrongPage } })).toEqual(before);

    // Two payments of the same customer and amount, both settled without a receipt: a person decides which.
    const first = await settledByQuery("LK-TWIN-1", 130);
    await settledByQuery("LK-TWIN-2", 130);
    const firstPaid = await paidInSim("LK-TWIN-1");
    const twin = await answered((await askTransactionStatus(gw.db, gw.env, { paymentId: first, receipt: firstPaid.receipt, reason: "which one?", actor: finance, now: new Date() })).id);
    expect(twin.summary).toContain("of the same customer and amount, could be this money too");
    expect((await gw.db.ledgerLine.findFirstOrThrow({ where: { receipt: firstPaid.receipt } })).paymentId).toBeNull();
  });

  it("ends a lookup of a receipt M-Pesa does not know as FAILED with M-Pesa's reason, and changes no payment", async () => {
    const id = await settledByQuery("LOOKUP-4");
    const before = await gw.db.payment.findUniqueOrThrow({ where: { id } });
    const request = await askTransactionStatus(gw.db, gw.env, { paymentId: id, receipt: "ZZZ0000000", reason: "checking", actor: finance, now: new Date() });
    const done = await answered(request.id);
    expect(done).toMatchObject({ state: "FAILED", resultCode: "2032" });
    expect(done.summary).toContain("no transaction with this receipt number");
    expect(await gw.db.ledgerLine.count({ where: { receipt: "ZZZ0000000" } })).toBe(0);
    expect(await gw.db.payment.findUniqueOrThrow({ where: { id } })).toEqual(before);
  });

  it("says so when the initiator's credentials are wrong, and when the account has none", async () => {
    const id = await settledByQuery("LOOKUP-5");
    const paid = await paidInSim("LOOKUP-5");
    const test = gw.env.daraja.test!;
    const wrong = { ...gw.env, daraja: { ...gw.env.daraja, test: { ...test, initiator: { name: "testapi", password: "not-the-password", certificate: null } } } };
    const request = await askTransactionStatus(gw.db, wrong, { paymentId: id, receipt: paid.receipt, reason: "checking", actor: finance, now: new Date() });
    const done = await answered(request.id);
    expect(done).toMatchObject({ state: "FAILED", resultCode: "2001" });
    expect(done.summary).toContain("wrong initiator, password or certificate");
    // Nothing more goes out with the credentials M-Pesa refused (it would lock the operator), until they change.
    const written = await gw.db.initiatorRequest.count();
    await expect(askTransactionStatus(gw.db, wrong, { paymentId: id, receipt: paid.receipt, reason: "again", actor: finance, now: new Date() }))
      .rejects.toMatchObject({ code: "invalid_state", message: expect.stringContaining("refused this account's initiator credentials (2001)") });
    expect(await gw.db.initiatorRequest.count()).toBe(written);
    expect((await askTransactionStatus(gw.db, gw.env, { paymentId: id, receipt: paid.receipt, reason: "fixed", actor: finance, now: new Date() })).state).toBe("QUEUED");

    const none = { ...gw.env, daraja: { ...gw.env.daraja, test: { ...test, initiator: null } } };
    const count = await gw.db.initiatorRequest.count();
    await expect(askTransactionStatus(gw.db, none, { paymentId: id, receipt: paid.receipt, reason: "checking", actor: finance, now: new Date() }))
      .rejects.toMatchObject({ code: "invalid_state", message: expect.stringContaining("DARAJA_TEST_INITIATOR_NAME") });
    expect(await gw.db.initiatorRequest.count()).toBe(count);
    await expect(askTransactionStatus(gw.db, gw.env, { paymentId: "pay_doesnotexist000", receipt: paid.receipt, reason: "checking", actor: finance, now: new Date() }))
      .rejects.toBeInstanceOf(AppError);
  });

  it("keeps a Daraja refusal on the request and the timeline, with nothing sent again", async () => {
    const id = await settledByQuery("LOOKUP-6");
    // A shortcode the simulator does not know: Daraja refuses the request at once.
    const test = gw.env.daraja.test!;
    const env = { ...gw.env, daraja: { ...gw.env.daraja, test: { ...test, shortcode: "999999" } } };
    const account = await gw.db.payment.findUniqueOrThrow({ where: { id }, select: { collectionAccountId: true } });
    expect(account.collectionAccountId).not.toBeNull();
    const request = await askTransactionStatus(gw.db, env, { paymentId: id, receipt: "QWE1234567", reason: "checking", actor: finance, now: new Date() });
    expect(request.state).toBe("REFUSED");
    expect(request.summary).toMatch(/Daraja refused the request/);
    expect((await timeline(id)).slice(-2)).toEqual(["receipt_lookup:admin", "receipt_lookup_result:admin"]);
  });

  it("stores a forged or replayed result without letting it change anything", async () => {
    const id = await settledByQuery("LOOKUP-7");
    const paid = await paidInSim("LOOKUP-7");
    const request = await askTransactionStatus(gw.db, gw.env, { paymentId: id, receipt: paid.receipt, reason: "checking", actor: finance, now: new Date() });
    await answered(request.id);
    const token = createInitiatorToken(request.id, gw.env.secrets.callback, "TEST");
    const stored = await gw.db.callbackLog.findFirstOrThrow({ where: { kind: "INITIATOR_RESULT", token } });
    const post = (path: string, body: string) => fetch(`${gw.app.url}/api/callbacks/results/${path}`, { method: "POST", headers: { "Content-Type": "application/json" }, body });

    // The same result again (the simulator never repeats one, an attacker might): DUPLICATE.
    expect((await post(`${token}/result`, stored.body)).status).toBe(200);
    const replay = await eventually(() => gw.db.callbackLog.findFirst({ where: { kind: "INITIATOR_RESULT", token, outcome: "DUPLICATE" } }));
    expect(replay.error).toContain("already answered");
    // A forged token: refused at the door, stored as rejected.
    const forged = createInitiatorToken(request.id, "another-secret-another-secret-00", "TEST");
    expect((await post(`${forged}/result`, stored.body)).status).toBe(404);
    expect(await gw.db.callbackLog.findFirst({ where: { token: forged } })).toMatchObject({ outcome: "REJECTED", tokenValid: false });
    // A body that is no result: stored, marked invalid.
    const fresh = await askTransactionStatus(gw.db, gw.env, { paymentId: id, receipt: paid.receipt, reason: "again", actor: finance, now: new Date() });
    const freshToken = createInitiatorToken(fresh.id, gw.env.secrets.callback, "TEST");
    expect((await post(`${freshToken}/result`, "{\"Result\":")).status).toBe(200);
    const invalid = await eventually(() => gw.db.callbackLog.findFirst({ where: { token: freshToken, outcome: "INVALID" } }));
    expect(invalid.error).toMatch(/JSON/i);
    expect((await gw.db.initiatorRequest.findUniqueOrThrow({ where: { id: request.id } })).state).toBe("ANSWERED");
  });

  it("marks a request whose queue timed out, so a person asks again, and still takes a late result", async () => {
    const id = await settledByQuery("LOOKUP-8");
    const account = await gw.db.payment.findUniqueOrThrow({ where: { id }, select: { collectionAccountId: true } });
    // A request M-Pesa queued (written as askTransactionStatus leaves it), whose result has not come.
    const request = await gw.db.initiatorRequest.create({ data: {
      id: "isr_queuetimeout00000000", operation: "transaction_status", collectionAccountId: account.collectionAccountId!, mode: "TEST", paymentId: id,
      receipt: "QWE7654321", state: "QUEUED", originatorConversationId: "AG_20261001_timeout", conversationId: "AG_20261001_conv", requestedByEmail: finance.email,
      reason: "checking", createdAt: new Date(),
    } });
    const token = createInitiatorToken(request.id, gw.env.secrets.callback, "TEST");
    const post = (kind: string, body: unknown) => fetch(`${gw.app.url}/api/callbacks/results/${token}/${kind}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    const ids = { OriginatorConversationID: request.originatorConversationId, ConversationID: request.conversationId };
    // The notice as one SDK describes it (its body is undocumented): the Result envelope with ResultType 1.
    const notice = { Result: { ResultType: 1, ResultCode: 1, ResultDesc: "The service request timed out.", ...ids } };
    const res = await post("timeout", notice);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ResultCode: 0, ResultDesc: "Accepted" });
    expect(await answered(request.id)).toMatchObject({ state: "TIMED_OUT", summary: expect.stringContaining("Ask again") });
    expect((await post("timeout", notice)).status).toBe(200);
    await eventually(() => gw.db.callbackLog.findFirst({ where: { token, kind: "INITIATOR_TIMEOUT", outcome: "DUPLICATE" } }));
    // An interim word (ResultType 1, "waiting for further messages") leaves it waiting for the final result.
    expect((await post("result", { Result: { ResultType: 1, ResultCode: 0, ResultDesc: "Waiting", ...ids } })).status).toBe(200);
    const interim = await eventually(() => gw.db.callbackLog.findFirst({ where: { token, kind: "INITIATOR_RESULT", outcome: "APPLIED" } }));
    expect(interim.error).toContain("interim");
    expect((await gw.db.initiatorRequest.findUniqueOrThrow({ where: { id: request.id } })).state).toBe("TIMED_OUT");
    // The request had been processed after all: its result still tells what M-Pesa knows.
    expect((await post("result", { Result: { ResultType: 0, ResultCode: 2032, ResultDesc: "The transaction receipt number does not exist.", ...ids } })).status).toBe(200);
    await eventually(async () => (await gw.db.initiatorRequest.findUniqueOrThrow({ where: { id: request.id } })).state === "FAILED");
    // One from another request is refused: it answers someone else.
    expect((await post("result", { Result: { ResultType: 0, ResultCode: 0, ResultDesc: "ok", OriginatorConversationID: "AG_other" } })).status).toBe(200);
    const other = await eventually(() => gw.db.callbackLog.findFirst({ where: { token, kind: "INITIATOR_RESULT", outcome: "INVALID" } }));
    expect(other.error).toContain("answers request AG_other");
    expect((await timeline(id)).filter((t) => t.startsWith("receipt_lookup_result"))).toHaveLength(3);
  });
});
