import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { processCallbackJob } from "@/lib/callbacks/process-callback-job";
import { darajaClientForAccount } from "@/lib/collection-accounts/daraja-client-cache";
import { initiatorForAccount } from "@/lib/collection-accounts/initiator-for-account";
import { saveB2cShortcodeSchema } from "@/lib/collection-accounts/b2c-schemas";
import { saveInitiatorSchema } from "@/lib/collection-accounts/initiator-schemas";
import { saveAccountB2cShortcode } from "@/lib/collection-accounts/save-account-b2c-shortcode";
import { saveAccountInitiator } from "@/lib/collection-accounts/save-account-initiator";
import { saveDarajaAccount } from "@/lib/collection-accounts/save-daraja-account";
import { saveDarajaAccountSchema } from "@/lib/collection-accounts/schemas";
import { SANDBOX_INITIATOR_NAME, SANDBOX_INITIATOR_PASSWORD, SANDBOX_PASSKEY, SANDBOX_SHORTCODE, SIMULATOR_CONSUMER_KEY, SIMULATOR_CONSUMER_SECRET } from "@/lib/env";
import { processInitiatorResultJob } from "@/lib/initiator-requests/process-initiator-result-job";
import { webhookEventSchema } from "@/lib/payments/webhook-event-schema";
import { requestB2cPayment } from "@/lib/rails/daraja/initiator/b2c-payment";
import { refundScenarioPhone } from "@/lib/rails/daraja/simulator/refund-scenarios";
import { b2cOriginatorConversationId } from "@/lib/refunds/b2c-originator-conversation-id";
import { checkPendingRefunds } from "@/lib/refunds/check-pending-refunds";
import { decideRefund } from "@/lib/refunds/decide-refund";
import { requestRefund } from "@/lib/refunds/request-refund";
import { sendRefund } from "@/lib/refunds/send-refund";
import { eventually, startGateway, type Gateway, type TestStorefront } from "@/lib/testing/gateway";
import { paidPayment, settledRefund } from "@/lib/testing/refund-fixtures";

/**
 * Partial refunds by B2C end to end, over HTTP against the simulator and real PostgreSQL: a part
 * paid to the number that paid, with its ledger line; parts adding up to the whole and never
 * beyond, concurrent requests included; M-Pesa's B2C failures in clear words; a result that never
 * comes settled by Transaction Status by the refund's own OriginatorConversationID; a queue
 * timeout failed only once M-Pesa says nothing happened; and parts an account cannot pay refused
 * with nothing changed. The simulator's ENVIRONMENT account pays B2C from its own shortcode.
 */
const alice = { id: "usr_alice000000000000000", email: "alice@b2c.test", via: "dashboard" as const };
const bob = { id: "usr_bob00000000000000000", email: "bob@b2c.test", via: "dashboard" as const };
const MINUTE = 60_000;

describe("B2C refunds", () => {
  let gw: Gateway;
  let shop: TestStorefront;
  const paid = (phone: string, reference: string, amount = 500) => paidPayment(gw, shop, { phone, reference, amount });
  const refundOf = (id: string) => gw.db.refund.findUniqueOrThrow({ where: { id } });
  const settled = (id: string) => settledRefund(gw, id);
  const partSent = async (paymentId: string, amount: number, now = new Date()) => {
    const { refund } = await requestRefund(gw.db, { paymentId, amount, reason: "one item returned", actor: alice, now, env: gw.env });
    expect(refund.method).toBe("b2c");
    await decideRefund(gw.db, { refundId: refund.id, decision: "approve", reason: "checked the return", actor: bob, now });
    return sendRefund(gw.db, gw.env, { refundId: refund.id, now });
  };

  beforeAll(async () => {
    gw = await startGateway({ jobs: [processCallbackJob, processInitiatorResultJob] });
    shop = await gw.createStorefront("B2C refund shop");
  });
  afterAll(async () => {
    await gw?.close();
  });

  it("refuses a part when M-Pesa says another number paid, or the payment was reversed outside Malipo, changing nothing", async () => {
    const other = await paid("254708374149", "B2C-OTHER-1", 300);
    await gw.db.payment.update({ where: { id: other.id }, data: { mpesaPhone: "254711000111", phoneMismatch: true } });
    await expect(requestRefund(gw.db, { paymentId: other.id, amount: 100, reason: "one item", actor: alice, now: new Date(), env: gw.env }))
      .rejects.toMatchObject({ code: "validation_failed", message: expect.stringContaining("another number") });
    expect(await gw.db.refund.count({ where: { paymentId: other.id } })).toBe(0);

    const portal = await paid("254708374149", "B2C-PORTAL-1", 300);
    const account = await gw.db.collectionAccount.findFirstOrThrow({ where: { storefrontId: shop.id, mode: "TEST" } });
    // The org portal reversed it: M-Pesa's ledger has the reversal, no Malipo refund holds it.
    await gw.db.ledgerLine.create({ data: {
      collectionAccountId: account.id, mode: "TEST", currency: "KES", receipt: "PORTALREV1", direction: "OUT", amountMinor: 30_000, linkedReceipt: portal.mpesaReceipt,
      sources: ["statement"], firstSeenAt: new Date(), lastSeenAt: new Date(),
    } });
    for (const amount of [100, undefined]) {
      await expect(requestRefund(gw.db, { paymentId: portal.id, amount, reason: "again", actor: alice, now: new Date(), env: gw.env }))
        .rejects.toMatchObject({ code: "invalid_state", message: expect.stringContaining("reversed outside Malipo (reversal PORTALREV1") });
    }
    expect(await gw.db.refund.count({ where: { paymentId: portal.id } })).toBe(0);
  });

  it("pays a part back by B2C, then the rest, and refuses a third: refunded, told, in the ledger", async () => {
    const payment = await paid("254708374149", "B2C-PART-1", 500);
    const first = await partSent(payment.id, 200);
    expect(first).toMatchObject({ status: "PENDING", method: "b2c", amount: 200 });
    const request = await gw.db.initiatorRequest.findFirstOrThrow({ where: { refundId: first.id, operation: "b2c" } });
    // The shortcode that pays is kept with the request: its status check and ledger line name it, whatever the account says later.
    expect(request.party).toBe(gw.env.daraja.test!.b2cShortcode);
    // Derived from the refund: a second send with it is a duplicate to Daraja, never a second payment.
    expect(request.originatorConversationId).toBe(b2cOriginatorConversationId(first.id));
    const done = await settled(first.id);
    expect(done.status).toBe("SUCCEEDED");
    expect(done.mpesaReceipt).toMatch(/^[A-Z0-9]{10}$/);
    expect(await gw.db.payment.findUniqueOrThrow({ where: { id: payment.id } })).toMatchObject({ status: "SUCCEEDED", refundedAmount: 200 });
    const line = await gw.db.ledgerLine.findFirstOrThrow({ where: { receipt: done.mpesaReceipt! } });
    expect(line).toMatchObject({ direction: "OUT", amountMinor: 20_000, sources: ["b2c_result"], linkedReceipt: null });
    const succeeded = await gw.db.webhookEvent.findFirstOrThrow({ where: { paymentId: payment.id, type: "refund.succeeded" } });
    expect(webhookEventSchema.parse(succeeded.payload)).toMatchObject({ data: { object: { id: first.id, status: "succeeded", amount: 200, method: "b2c" } } });

    // The rest, left out as the amount: still a part of the payment, so B2C too.
    const { refund: rest } = await requestRefund(gw.db, { paymentId: payment.id, reason: "the rest returned", actor: alice, now: new Date(), env: gw.env });
    expect(rest).toMatchObject({ amount: 300, method: "b2c" });
    await decideRefund(gw.db, { refundId: rest.id, decision: "approve", reason: "ok", actor: bob, now: new Date() });
    await sendRefund(gw.db, gw.env, { refundId: rest.id, now: new Date() });
    expect((await settled(rest.id)).status).toBe("SUCCEEDED");
    expect(await gw.db.payment.findUniqueOrThrow({ where: { id: payment.id } })).toMatchObject({ refundedAmount: 500 });
    await expect(requestRefund(gw.db, { paymentId: payment.id, amount: 10, reason: "a third", actor: alice, now: new Date(), env: gw.env }))
      .rejects.toMatchObject({ code: "invalid_state", message: expect.stringContaining("nothing left") });
    expect(await gw.db.refund.count({ where: { paymentId: payment.id } })).toBe(2);
  });

  it("never lets concurrent partial requests add up to more than was paid", async () => {
    const payment = await paid("254708374149", "B2C-RACE-1", 200);
    const attempts = await Promise.allSettled(Array.from({ length: 5 }, () =>
      requestRefund(gw.db, { paymentId: payment.id, amount: 60, reason: "double click", actor: alice, now: new Date(), env: gw.env })));
    expect(attempts.filter((a) => a.status === "fulfilled")).toHaveLength(3);
    for (const a of attempts) if (a.status === "rejected") expect(a.reason).toMatchObject({ code: "validation_failed", message: expect.stringContaining("KES 20 of this payment") });
    const sum = await gw.db.refund.aggregate({ where: { paymentId: payment.id }, _sum: { amount: true } });
    expect(sum._sum.amount).toBe(180);
  });

  it("fails a B2C refund the Utility account cannot cover, or to a customer M-Pesa cannot pay, in clear words", async () => {
    const poor = await paid(refundScenarioPhone("b2c-insufficient-balance"), "B2C-POOR-1");
    const broke = await settled((await partSent(poor.id, 100)).id);
    expect(broke).toMatchObject({ status: "FAILED", failureCode: "1", failureReason: expect.stringContaining("Utility account balance is too low") });
    const unregistered = await paid(refundScenarioPhone("b2c-unregistered"), "B2C-UNREG-1");
    const refused = await settled((await partSent(unregistered.id, 100)).id);
    expect(refused).toMatchObject({ status: "FAILED", failureCode: "2040", failureReason: expect.stringContaining("not registered on M-Pesa") });
    const offNetwork = await paid(refundScenarioPhone("b2c-not-on-mpesa"), "B2C-OFF-1");
    expect(await settled((await partSent(offNetwork.id, 100)).id)).toMatchObject({ status: "FAILED", failureCode: "SFC_IC0003", failureReason: expect.stringContaining("not on M-Pesa") });
    // A failure frees its amount and refunds nothing.
    expect(await gw.db.payment.findUniqueOrThrow({ where: { id: poor.id } })).toMatchObject({ refundedAmount: 0 });
    expect(await gw.db.webhookEvent.count({ where: { paymentId: unregistered.id, type: "refund.failed" } })).toBe(1);
  });

  it("settles a B2C refund whose result never comes by Transaction Status, never resending or failing it meanwhile", async () => {
    const payment = await paid(refundScenarioPhone("b2c-no-result"), "B2C-LOST-1");
    const t0 = new Date();
    const sent = await partSent(payment.id, 150, t0);
    await expect(sendRefund(gw.db, gw.env, { refundId: sent.id, now: t0 })).rejects.toMatchObject({ code: "invalid_state" });
    expect(await checkPendingRefunds(gw.db, gw.env, { now: new Date(t0.getTime() + MINUTE) })).toEqual({ fromLedger: 0, asked: 0, waiting: 0 });
    expect((await refundOf(sent.id)).status).toBe("PENDING");
    expect(await checkPendingRefunds(gw.db, gw.env, { now: new Date(t0.getTime() + 6 * MINUTE) })).toEqual({ fromLedger: 0, asked: 1, waiting: 0 });
    const done = await settled(sent.id);
    expect(done.status).toBe("SUCCEEDED");
    expect(done.mpesaReceipt).toMatch(/^[A-Z0-9]{10}$/);
    expect(await gw.db.payment.findUniqueOrThrow({ where: { id: payment.id } })).toMatchObject({ refundedAmount: 150 });
    expect(await gw.db.initiatorRequest.count({ where: { refundId: sent.id, operation: "b2c" } })).toBe(1);
  });

  it("takes Daraja's duplicate answer for an earlier send that reached it: unknown, asked about, never failed nor paid twice", async () => {
    const payment = await paid("254708374149", "B2C-DUP-1", 300);
    const { refund } = await requestRefund(gw.db, { paymentId: payment.id, amount: 100, reason: "one item returned", actor: alice, now: new Date(), env: gw.env });
    await decideRefund(gw.db, { refundId: refund.id, decision: "approve", reason: "ok", actor: bob, now: new Date() });
    // As if an earlier send of this refund had reached Daraja and its answer was lost.
    const account = await gw.db.collectionAccount.findUniqueOrThrow({ where: { id: refund.collectionAccountId } });
    const initiator = initiatorForAccount(gw.env, account);
    if (!initiator.ok) throw new Error(initiator.reason);
    const earlier = await requestB2cPayment(darajaClientForAccount(account, gw.env.daraja.test!).api, {
      initiator: initiator.credentials, originatorConversationId: b2cOriginatorConversationId(refund.id), amount: 100, partyA: gw.env.daraja.test!.b2cShortcode!,
      partyB: "254708374149", resultUrl: "https://example.test/result", queueTimeoutUrl: "https://example.test/timeout",
    });
    expect(earlier.kind).toBe("accepted");
    const t0 = new Date();
    const sent = await sendRefund(gw.db, gw.env, { refundId: refund.id, now: t0 });
    expect(sent).toMatchObject({ status: "PENDING", outcomeUnknown: true });
    expect(await gw.db.initiatorRequest.findFirstOrThrow({ where: { refundId: refund.id, operation: "b2c" } })).toMatchObject({ state: "UNKNOWN" });
    // Transaction Status by the same id finds the earlier payment: the refund succeeded, once.
    expect(await checkPendingRefunds(gw.db, gw.env, { now: new Date(t0.getTime() + 6 * MINUTE) })).toMatchObject({ asked: 1 });
    expect((await settled(refund.id)).status).toBe("SUCCEEDED");
    expect(await gw.db.payment.findUniqueOrThrow({ where: { id: payment.id } })).toMatchObject({ refundedAmount: 100 });
  });

  it("keeps a B2C refund its queue timed out unknown until Transaction Status says nothing was paid", async () => {
    const payment = await paid(refundScenarioPhone("b2c-queue-timeout"), "B2C-QTO-1");
    const t0 = new Date();
    const sent = await partSent(payment.id, 100, t0);
    const unknown = await eventually(async () => {
      const r = await refundOf(sent.id);
      return r.outcomeUnknown && r;
    });
    expect(unknown).toMatchObject({ status: "PENDING", failureReason: expect.stringContaining("timed the B2C payment out") });
    expect(await checkPendingRefunds(gw.db, gw.env, { now: new Date(t0.getTime() + MINUTE) })).toMatchObject({ asked: 1 });
    const done = await settled(sent.id);
    expect(done).toMatchObject({ status: "FAILED", failureReason: expect.stringContaining("no record of the B2C payment") });
    expect(await gw.db.payment.findUniqueOrThrow({ where: { id: payment.id } })).toMatchObject({ refundedAmount: 0 });
  });

  it("pays parts from a dashboard account only once an admin has set its B2C shortcode, audited", async () => {
    const own = await gw.createStorefront("Own paybill shop");
    const admin = { id: null, email: "admin@b2c.test" };
    const account = await saveDarajaAccount(gw.db, {
      input: saveDarajaAccountSchema.parse({
        storefrontId: own.id, mode: "TEST", name: "Own paybill", environment: "simulator", kind: "paybill", shortcode: SANDBOX_SHORTCODE,
        consumerKey: SIMULATOR_CONSUMER_KEY, consumerSecret: SIMULATOR_CONSUMER_SECRET, passkey: SANDBOX_PASSKEY, makeDefault: "on", reason: "set-up",
      }),
      actor: admin, env: gw.env,
    });
    await saveAccountInitiator(gw.db, { input: saveInitiatorSchema.parse({ storefrontId: own.id, accountId: account.id, initiatorName: SANDBOX_INITIATOR_NAME, initiatorPassword: SANDBOX_INITIATOR_PASSWORD, reason: "operator" }), actor: admin, now: new Date(), env: gw.env });
    const res = await gw.api(own.keys.TEST, "POST", "/api/v1/payments", { body: { amount: 400, phone: "254708374149", reference: "B2C-OWN-1" } });
    const payment = await eventually(async () => {
      const p = await gw.db.payment.findUniqueOrThrow({ where: { id: String(res.body.id) } });
      return p.mpesaReceipt !== null && p;
    });
    const ask = () => requestRefund(gw.db, { paymentId: payment.id, amount: 100, reason: "one item", actor: alice, now: new Date(), env: gw.env });
    await expect(ask()).rejects.toMatchObject({ code: "validation_failed", message: expect.stringContaining("no B2C shortcode") });

    const save = (b2cShortcode: string, accountId = account.id) =>
      saveAccountB2cShortcode(gw.db, { input: saveB2cShortcodeSchema.parse({ storefrontId: own.id, accountId, b2cShortcode, reason: "B2C account opened" }), actor: admin, now: new Date() });
    expect(() => saveB2cShortcodeSchema.parse({ storefrontId: own.id, accountId: account.id, b2cShortcode: "12ab", reason: "typo" })).toThrow();
    expect(await save(SANDBOX_SHORTCODE)).toMatchObject({ b2cShortcode: SANDBOX_SHORTCODE, b2cUpdatedBy: admin.email });
    const audit = await gw.db.auditLog.findFirstOrThrow({ where: { action: "collection_account.b2c_shortcode_set", entityId: account.id } });
    expect(audit).toMatchObject({ reason: "B2C account opened", before: { b2cShortcode: null }, after: { b2cShortcode: SANDBOX_SHORTCODE } });
    const { refund } = await ask();
    expect(refund).toMatchObject({ method: "b2c", collectionAccountId: account.id });
    await decideRefund(gw.db, { refundId: refund.id, decision: "approve", reason: "ok", actor: bob, now: new Date() });
    await sendRefund(gw.db, gw.env, { refundId: refund.id, now: new Date() });
    expect((await settled(refund.id)).status).toBe("SUCCEEDED");

    // An environment account's comes from the environment, not from here.
    const environmentAccount = await gw.db.collectionAccount.findFirstOrThrow({ where: { storefrontId: shop.id, source: "ENVIRONMENT", mode: "TEST" } });
    await expect(saveAccountB2cShortcode(gw.db, { input: saveB2cShortcodeSchema.parse({ storefrontId: shop.id, accountId: environmentAccount.id, b2cShortcode: "600000", reason: "try" }), actor: admin, now: new Date() }))
      .rejects.toMatchObject({ code: "invalid_state", message: expect.stringContaining("DARAJA_TEST_B2C_SHORTCODE") });
    // Cleared: parts are refused again.
    await save("");
    await expect(requestRefund(gw.db, { paymentId: payment.id, amount: 50, reason: "another item", actor: alice, now: new Date(), env: gw.env })).rejects.toMatchObject({ message: expect.stringContaining("no B2C shortcode") });
  });

  it("refuses a part the account cannot pay by B2C with a clear error, and changes nothing", async () => {
    const payment = await paid("254708374149", "B2C-BAD-1", 300);
    const noB2c = { ...gw.env, daraja: { ...gw.env.daraja, test: { ...gw.env.daraja.test!, b2cShortcode: null } } };
    const before = { refunds: await gw.db.refund.count(), audits: await gw.db.auditLog.count({ where: { entityId: payment.id } }) };
    const ask = (amount: number, env = gw.env) => requestRefund(gw.db, { paymentId: payment.id, amount, reason: "testing", actor: alice, now: new Date(), env });
    await expect(ask(100, noB2c)).rejects.toMatchObject({ code: "validation_failed", param: "amount", message: expect.stringContaining("no B2C shortcode") });
    await expect(ask(9)).rejects.toMatchObject({ code: "validation_failed", param: "amount", message: expect.stringContaining("at least KES 10") });
    expect({ refunds: await gw.db.refund.count(), audits: await gw.db.auditLog.count({ where: { entityId: payment.id } }) }).toEqual(before);
    // The whole payment still goes by Reversal on that account.
    expect((await ask(300, noB2c)).refund).toMatchObject({ method: "reversal", amount: 300 });
  });
});
