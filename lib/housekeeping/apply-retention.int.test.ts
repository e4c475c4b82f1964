import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createPrisma } from "@/lib/db/client";
import { applyRetention } from "@/lib/housekeeping/apply-retention";
import type { CallbackKind, CallbackOutcome, PaymentStatus, PrismaClient, WebhookDeliveryStatus } from "@/lib/generated/prisma/client";
import { createId } from "@/lib/ids";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";

const NOW = new Date("2027-03-15T09:00:00.000Z");
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 24 * 3600_000);
const SETTINGS = { refusedCallbackDays: 90, invalidCallbackDays: 90, callbackBodyDays: 90, webhookAttemptDays: 90 };

function successBody(receipt: string, phone = 254708374149): string {
  return JSON.stringify({
    Body: {
      stkCallback: {
        MerchantRequestID: "29115-34620561-1", CheckoutRequestID: `ws_CO_${receipt}`, ResultCode: 0, ResultDesc: "The service request is processed successfully.",
        CallbackMetadata: { Item: [{ Name: "Amount", Value: 150 }, { Name: "MpesaReceiptNumber", Value: receipt }, { Name: "TransactionDate", Value: 20261201100020 }, { Name: "PhoneNumber", Value: phone }] },
      },
    },
  });
}
const cancelledBody = JSON.stringify({ Body: { stkCallback: { MerchantRequestID: "m", CheckoutRequestID: "ws_CO_x", ResultCode: 1032, ResultDesc: "Request cancelled by user" } } });

/** Retention on PostgreSQL, with the clock injected: what goes, what stays, in batches. */
describe("applyRetention", () => {
  let database: TestDatabase;
  let db: PrismaClient;
  const storefrontId = "sf_retention";

  const payment = async (status: PaymentStatus, mpesaReceipt: string | null = null) => {
    const id = createId("pay");
    await db.payment.create({ data: { id, storefrontId, mode: "TEST", status, amount: 150, phone: "254708374149", reference: "R-1", mpesaReceipt, createdAt: daysAgo(200), expiresAt: daysAgo(200) } });
    return id;
  };
  const callback = async (outcome: CallbackOutcome, receivedAt: Date, fields: { body?: string; paymentId?: string | null; tokenValid?: boolean; ipAllowed?: boolean; kind?: CallbackKind } = {}) => {
    const row = await db.callbackLog.create({
      data: {
        outcome, receivedAt, kind: fields.kind ?? "STK", token: "tok", body: fields.body ?? cancelledBody, headers: {}, sourceIp: "196.201.214.200",
        ipAllowed: fields.ipAllowed ?? true, tokenValid: fields.tokenValid ?? true, paymentId: fields.paymentId ?? null,
        processedAt: outcome === "RECEIVED" ? null : receivedAt,
      },
    });
    return row.id;
  };
  const exists = async (id: bigint) => (await db.callbackLog.count({ where: { id } })) === 1;
  const attempt = async (status: WebhookDeliveryStatus, requestedAt: Date) => {
    const eventId = createId("evt");
    await db.webhookEvent.create({ data: { id: eventId, storefrontId, mode: "TEST", type: "payment.succeeded", payload: {} } });
    const delivery = await db.webhookDelivery.create({ data: { id: createId("whd"), eventId, endpointId: "we_retention", status, attemptCount: 1 } });
    const row = await db.webhookAttempt.create({ data: { deliveryId: delivery.id, attemptNumber: 1, requestedAt, statusCode: 500, responseExcerpt: "Internal error for 254708374149" } });
    return row.id;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    db = createPrisma(database.url, 4);
    await db.storefront.create({ data: { id: storefrontId, name: "Retention" } });
    await db.webhookEndpoint.create({ data: { id: "we_retention", storefrontId, mode: "TEST", url: "https://shop.example/hook", secretEncrypted: "x" } });
  });
  beforeEach(async () => {
    await db.webhookAttempt.deleteMany();
    await db.webhookDelivery.deleteMany();
    await db.webhookEvent.deleteMany();
    await db.callbackLog.deleteMany();
  });
  afterAll(async () => {
    await db.$disconnect();
    await database.drop();
  });

  it("deletes refused callbacks past their period, except a signed one carrying a receipt no payment records", async () => {
    const old = await callback("REJECTED", daysAgo(91), { ipAllowed: false });
    const recent = await callback("REJECTED", daysAgo(89), { ipAllowed: false });
    const forged = await callback("REJECTED", daysAgo(120), { tokenValid: false, body: successBody("FORGED0001") });
    // A real callback from an address Safaricom had not published: the only trace of the money.
    const unlistedAddress = await callback("REJECTED", daysAgo(120), { ipAllowed: false, body: successBody("UNLISTED01") });
    const result = await applyRetention(db, { settings: SETTINGS, now: NOW });
    expect(result).toMatchObject({ refusedCallbacksDeleted: 2, callbacksKeptForReceipt: 1 });
    expect([await exists(old), await exists(recent), await exists(forged), await exists(unlistedAddress)]).toEqual([false, true, false, true]);
  });

  it("deletes parked callbacks only when reprocessing them could change nothing", async () => {
    const orphan = await callback("INVALID", daysAgo(100), { body: "not json" });
    const ofFailed = await callback("INVALID", daysAgo(100), { paymentId: await payment("FAILED") });
    const ofReview = await callback("INVALID", daysAgo(100), { paymentId: await payment("REVIEW") });
    const ofPending = await callback("UNMATCHED", daysAgo(100), { paymentId: await payment("PENDING") });
    const unmatchedMoney = await callback("UNMATCHED", daysAgo(100), { body: successBody("LOSTMONEY1") });
    await payment("SUCCEEDED", "FOUNDLATER");
    const recordedElsewhere = await callback("UNMATCHED", daysAgo(100), { body: successBody("FOUNDLATER") });
    const unreadableReceipt = await callback("INVALID", daysAgo(100), { body: '{"Body":{"stkCallback":{"CallbackMetadata":{"Item":[{"Name":"MpesaReceiptNumber","Value":"BROKEN0001"' });
    const unprocessed = await callback("RECEIVED", daysAgo(400));
    const result = await applyRetention(db, { settings: SETTINGS, now: NOW });
    expect(result).toMatchObject({ invalidCallbacksDeleted: 3, callbacksKeptForReceipt: 2 });
    const kept = { orphan, ofFailed, ofReview, ofPending, unmatchedMoney, recordedElsewhere, unreadableReceipt, unprocessed };
    const present = Object.fromEntries(await Promise.all(Object.entries(kept).map(async ([name, id]) => [name, await exists(id)] as const)));
    expect(present).toEqual({ orphan: false, ofFailed: false, ofReview: true, ofPending: true, unmatchedMoney: true, recordedElsewhere: false, unreadableReceipt: true, unprocessed: true });
  });

  it("masks the phone number in old callback bodies of settled payments, once, and keeps the receipt", async () => {
    const settled = await callback("APPLIED", daysAgo(95), { body: successBody("SETTLED001"), paymentId: await payment("SUCCEEDED", "SETTLED001") });
    const recent = await callback("APPLIED", daysAgo(30), { body: successBody("RECENT0001"), paymentId: await payment("SUCCEEDED", "RECENT0001") });
    const inReview = await callback("STALE", daysAgo(95), { body: successBody("REVIEW0001"), paymentId: await payment("REVIEW") });
    const parked = await callback("UNMATCHED", daysAgo(95), { body: successBody("PARKED0001"), paymentId: await payment("PENDING") });
    expect(await applyRetention(db, { settings: SETTINGS, now: NOW })).toMatchObject({ callbackBodiesRedacted: 1 });

    const rows = new Map((await db.callbackLog.findMany()).map((row) => [row.id, row]));
    const masked = rows.get(settled)!;
    expect(masked.body).not.toContain("254708374149");
    expect(JSON.parse(masked.body)).toMatchObject({ Body: { stkCallback: { CallbackMetadata: { Item: expect.arrayContaining([{ Name: "PhoneNumber", Value: "2547****149" }, { Name: "MpesaReceiptNumber", Value: "SETTLED001" }]) } } } });
    expect(masked.bodyRedactedAt).toEqual(NOW);
    for (const id of [recent, inReview, parked]) expect(rows.get(id)!.body).toContain("254708374149");
    // A second run finds nothing left to do.
    expect(await applyRetention(db, { settings: SETTINGS, now: new Date(NOW.getTime() + 3600_000) })).toMatchObject({ callbackBodiesRedacted: 0 });
  });

  it("masks the payer's full number in old Transaction Status results, whatever their payment is doing", async () => {
    const result = JSON.stringify({ Result: { ResultCode: 0, ResultParameters: { ResultParameter: [{ Key: "DebitPartyName", Value: "254708374149 - JANE DOE" }, { Key: "ReceiptNo", Value: "STATUS0001" }] } } });
    const old = await callback("APPLIED", daysAgo(95), { body: result, kind: "INITIATOR_RESULT", paymentId: await payment("PENDING") });
    const alone = await callback("APPLIED", daysAgo(95), { body: result, kind: "INITIATOR_RESULT" });
    const recent = await callback("APPLIED", daysAgo(30), { body: result, kind: "INITIATOR_RESULT" });
    expect(await applyRetention(db, { settings: SETTINGS, now: NOW })).toMatchObject({ callbackBodiesRedacted: 2 });
    const rows = new Map((await db.callbackLog.findMany()).map((row) => [row.id, row]));
    for (const id of [old, alone]) expect(rows.get(id)!.body).toContain("2547****149 - JANE DOE");
    expect(rows.get(recent)!.body).toContain("254708374149");
  });

  it("deletes old webhook attempts of finished deliveries, never those of a delivery still being retried", async () => {
    const succeeded = await attempt("SUCCEEDED", daysAgo(91));
    const failed = await attempt("FAILED", daysAgo(91));
    const retrying = await attempt("PENDING", daysAgo(91));
    const recent = await attempt("FAILED", daysAgo(10));
    expect(await applyRetention(db, { settings: SETTINGS, now: NOW })).toMatchObject({ webhookAttemptsDeleted: 2 });
    const left = (await db.webhookAttempt.findMany({ select: { id: true } })).map((row) => row.id).sort();
    expect(left).toEqual([retrying, recent].sort());
    expect(left).not.toContain(succeeded);
    expect(left).not.toContain(failed);
    // The deliveries stay: the payment page still shows each one's status and attempt count.
    expect(await db.webhookDelivery.count()).toBe(4);
  });

  it("works in batches, stops when told to and finishes on the next run", async () => {
    const ids = [];
    for (let i = 0; i < 7; i++) ids.push(await callback("REJECTED", daysAgo(100 + i), { ipAllowed: false }));
    let batches = 0;
    const first = await applyRetention(db, { settings: SETTINGS, now: NOW, batchSize: 3, shouldContinue: () => batches++ < 2 });
    expect(first.refusedCallbacksDeleted).toBe(6);
    expect(await db.callbackLog.count()).toBe(1);
    const second = await applyRetention(db, { settings: SETTINGS, now: NOW, batchSize: 3 });
    expect(second.refusedCallbacksDeleted).toBe(1);
    expect(await db.callbackLog.count()).toBe(0);
  });

  it("keeps everything forever when a period is 0", async () => {
    const refused = await callback("REJECTED", daysAgo(3000), { ipAllowed: false });
    const invalid = await callback("INVALID", daysAgo(3000), { body: "x" });
    const settled = await callback("APPLIED", daysAgo(3000), { body: successBody("FOREVER001"), paymentId: await payment("SUCCEEDED", "FOREVER001") });
    const old = await attempt("FAILED", daysAgo(3000));
    const result = await applyRetention(db, { settings: { refusedCallbackDays: 0, invalidCallbackDays: 0, callbackBodyDays: 0, webhookAttemptDays: 0 }, now: NOW });
    expect(result).toEqual({ refusedCallbacksDeleted: 0, invalidCallbacksDeleted: 0, callbacksKeptForReceipt: 0, callbackBodiesRedacted: 0, webhookAttemptsDeleted: 0 });
    expect(await db.callbackLog.count({ where: { id: { in: [refused, invalid, settled] }, bodyRedactedAt: null } })).toBe(3);
    expect(await db.webhookAttempt.count({ where: { id: old } })).toBe(1);
  });
});
