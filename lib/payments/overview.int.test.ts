import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrisma } from "@/lib/db/client";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { findAttentionItems } from "@/lib/alerts/find-attention-items";
import { findCallbacks } from "@/lib/callbacks/find-callbacks";
import { parseCallbackSearch } from "@/lib/dashboard/callback-search-params";
import { getOverview } from "@/lib/payments/get-overview";
import { describeResultCode } from "@/lib/rails/daraja/result-codes";
import { insertPayment, insertStorefront } from "@/lib/testing/payment-fixtures";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";

let database: TestDatabase;
let db: PrismaClient;
const now = new Date("2026-12-10T09:00:00Z"); // 12:00 EAT on 10 Dec

beforeAll(async () => {
  database = await createTestDatabase();
  db = createPrisma(database.url, 4);
  const sf = (await insertStorefront(db)).id;
  // Today (EAT): one success of 1000, one cancellation, one pending. 22:30 UTC on 9 Dec is 01:30 EAT on the 10th.
  await insertPayment(db, sf, { status: "SUCCEEDED", amount: 1000, resultCode: "0", createdAt: new Date("2026-12-09T22:30:00Z") });
  await insertPayment(db, sf, { status: "CANCELLED", amount: 70, resultCode: "1032", createdAt: new Date("2026-12-10T08:00:00Z") });
  await insertPayment(db, sf, { status: "PENDING", amount: 5, createdAt: new Date("2026-12-10T08:50:00Z") });
  // Five days ago: a success of 500 without a receipt, a wrong PIN. Twenty days ago: a success of 2000.
  await insertPayment(db, sf, { status: "SUCCEEDED", amount: 500, resultCode: "0", receiptMissing: true, createdAt: new Date("2026-12-05T09:00:00Z") });
  await insertPayment(db, sf, { status: "FAILED", amount: 30, resultCode: "2001", createdAt: new Date("2026-12-05T10:00:00Z") });
  await insertPayment(db, sf, { status: "SUCCEEDED", amount: 2000, resultCode: "0", createdAt: new Date("2026-11-20T10:00:00Z") });
  // Older than 30 days, and test mode: neither counts.
  await insertPayment(db, sf, { status: "SUCCEEDED", amount: 9999, createdAt: new Date("2026-10-01T10:00:00Z") });
  await insertPayment(db, sf, { mode: "TEST", status: "SUCCEEDED", amount: 7777, createdAt: new Date("2026-12-10T08:00:00Z") });
  // Tanzanian shillings today and five days ago: their own totals, never added to the Kenyan ones.
  await insertPayment(db, sf, { status: "SUCCEEDED", amount: 25_000, currency: "TZS", resultCode: "INS-0", createdAt: new Date("2026-12-10T08:10:00Z") });
  await insertPayment(db, sf, { status: "SUCCEEDED", amount: 15_000, currency: "TZS", resultCode: "INS-0", createdAt: new Date("2026-12-05T08:10:00Z") });
  // Needs attention: stuck for an hour, one in review.
  await insertPayment(db, sf, { status: "INITIATING", amount: 1, outcomeUnknown: true, createdAt: new Date("2026-12-10T08:00:00Z") });
  await insertPayment(db, sf, { status: "REVIEW", amount: 2, reviewReason: "amount differs", createdAt: new Date("2026-12-10T07:00:00Z") });
  await db.callbackLog.create({ data: { token: "t", body: "<script>alert(1)</script>", headers: {}, sourceIp: "203.0.113.5", ipAllowed: false, tokenValid: false, outcome: "INVALID", receivedAt: new Date("2026-12-10T08:00:00Z") } });
  await db.callbackLog.create({ data: { token: "t", body: "{}", headers: {}, sourceIp: "196.201.214.200", ipAllowed: true, tokenValid: true, outcome: "APPLIED" } });
});

afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

describe("getOverview", () => {
  it("sums volume, counts and the success rate by EAT day for today, 7 and 30 days of one mode", async () => {
    const o = await getOverview(db, { mode: "live", describeResultCode, now });
    expect(o.today).toBe("2026-12-10");
    const byKey = Object.fromEntries(o.periods.map((p) => [p.key, p]));
    expect(byKey.today).toMatchObject({ volume: { KES: 1000, TZS: 25_000 }, count: 6, succeeded: 2, finished: 3 });
    expect(byKey["7d"]).toMatchObject({ volume: { KES: 1500, TZS: 40_000 }, count: 9, succeeded: 4, finished: 6 });
    expect(byKey["30d"]).toMatchObject({ volume: { KES: 3500, TZS: 40_000 }, count: 10, succeeded: 5, finished: 7 });
    expect(o.currencies).toEqual(["KES", "TZS"]);
    expect(o.daily).toHaveLength(30);
    expect(o.daily.at(-1)).toMatchObject({ day: "2026-12-10", volume: { KES: 1000, TZS: 25_000 } });
    expect(o.byResultCode).toEqual(expect.arrayContaining([
      { code: "0", count: 3, label: "Paid" },
      { code: "1032", count: 1, label: "The customer cancelled the payment prompt" },
      { code: "2001", count: 1, label: "The customer entered a wrong M-Pesa PIN" },
    ]));
    expect(Object.fromEntries(o.byStatus.map((s) => [s.status, s.count]))).toMatchObject({ SUCCEEDED: 5, CANCELLED: 1, FAILED: 1, REVIEW: 1 });
    const test = await getOverview(db, { mode: "test", describeResultCode, now });
    expect(test.periods[0]).toMatchObject({ volume: { KES: 7777 }, count: 1 });
  });
});

describe("findAttentionItems", () => {
  it("lists stuck payments, reviews, missing receipts and unmatched or invalid callbacks", async () => {
    const items = await findAttentionItems(db, { mode: "live", stuckAfterSeconds: 600, now });
    expect(items.stuck.items.map((p) => p.amount)).toEqual([1]);
    expect(items.review.items.map((p) => p.reviewReason)).toEqual(["amount differs"]);
    expect(items.receiptMissing.items.map((p) => p.amount)).toEqual([500]);
    expect(items.callbacks.items.map((c) => c.outcome)).toEqual(["INVALID"]);
    expect(items.total).toBe(4);
  });
});

describe("findCallbacks", () => {
  it("filters by verdict and keeps the raw body as stored", async () => {
    const invalid = await findCallbacks(db, parseCallbackSearch({ outcome: "INVALID" }));
    expect(invalid.total).toBe(1);
    expect(invalid.data[0]!.bodyExcerpt).toBe("<script>alert(1)</script>");
    expect((await findCallbacks(db, parseCallbackSearch({}))).total).toBe(2);
  });
});
