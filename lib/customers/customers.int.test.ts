import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrisma } from "@/lib/db/client";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { getCustomerOrThrow } from "@/lib/customers/get-customer-or-throw";
import { getCustomerSummary } from "@/lib/customers/get-customer-summary";
import { parsePaymentSearch } from "@/lib/dashboard/payment-search-params";
import { findPaymentRows } from "@/lib/payments/find-payment-rows";
import { findPayments } from "@/lib/payments/find-payments";
import { insertPayment, insertStorefront } from "@/lib/testing/payment-fixtures";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";

let database: TestDatabase;
let db: PrismaClient;
const CUSTOMER = "254712000777";
const OTHER = "254798000111";
const ids: Record<string, string> = {};

beforeAll(async () => {
  database = await createTestDatabase();
  db = createPrisma(database.url, 4);
  const shopA = (await insertStorefront(db, "Shop A")).id;
  const shopB = (await insertStorefront(db, "Shop B")).id;
  ids.first = (await insertPayment(db, shopA, { phone: CUSTOMER, status: "SUCCEEDED", amount: 1_000, createdAt: new Date("2026-12-01T08:00:00Z"), completedAt: new Date("2026-12-01T08:00:20Z") })).id;
  ids.failed = (await insertPayment(db, shopB, { phone: CUSTOMER, status: "FAILED", amount: 300, createdAt: new Date("2026-12-03T08:00:00Z") })).id;
  ids.paidAgain = (await insertPayment(db, shopB, { phone: CUSTOMER, status: "SUCCEEDED", amount: 2_500, createdAt: new Date("2026-12-05T08:00:00Z"), completedAt: new Date("2026-12-05T08:01:00Z") })).id;
  ids.pending = (await insertPayment(db, shopA, { phone: CUSTOMER, status: "PENDING", amount: 40, createdAt: new Date("2026-12-06T08:00:00Z") })).id;
  // Another currency is totalled on its own, never added to shillings.
  ids.tzs = (await insertPayment(db, shopA, { phone: CUSTOMER, status: "SUCCEEDED", amount: 5_000, currency: "TZS", createdAt: new Date("2026-12-02T08:00:00Z"), completedAt: new Date("2026-12-02T08:00:10Z") })).id;
  ids.test = (await insertPayment(db, shopA, { phone: CUSTOMER, mode: "TEST", status: "SUCCEEDED", amount: 9, createdAt: new Date("2026-12-07T08:00:00Z"), completedAt: new Date("2026-12-07T08:00:10Z") })).id;
  ids.stranger = (await insertPayment(db, shopA, { phone: OTHER, status: "SUCCEEDED", amount: 77_777, createdAt: new Date("2026-12-08T08:00:00Z") })).id;
});

afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

describe("the customer page's read model", () => {
  it("finds the customer by any of its payments' ids, in either mode, and nothing for anything else", async () => {
    expect(await getCustomerOrThrow(db, { paymentId: ids.failed! })).toEqual({ anchorPaymentId: ids.failed, phone: CUSTOMER });
    expect((await getCustomerOrThrow(db, { paymentId: ids.test! })).phone).toBe(CUSTOMER);
    for (const paymentId of ["pay_doesnotexist000", CUSTOMER, "pay_'; select 1", ""]) {
      await expect(getCustomerOrThrow(db, { paymentId })).rejects.toMatchObject({ code: "not_found" });
    }
  });

  it("sums what the number paid per currency, counts by status, and knows first and last seen, in one mode", async () => {
    const live = await getCustomerSummary(db, { phone: CUSTOMER, mode: "live" });
    expect(live).toMatchObject({
      payments: 5,
      byStatus: { SUCCEEDED: 3, FAILED: 1, PENDING: 1 },
      paid: [{ currency: "KES", amount: 3_500, count: 2 }, { currency: "TZS", amount: 5_000, count: 1 }],
      firstSeenAt: new Date("2026-12-01T08:00:00Z"),
      lastSeenAt: new Date("2026-12-06T08:00:00Z"),
      lastPaidAt: new Date("2026-12-05T08:01:00Z"),
      storefronts: [{ name: "Shop A" }, { name: "Shop B" }],
      otherModePayments: 1,
    });
    const test = await getCustomerSummary(db, { phone: CUSTOMER, mode: "test" });
    expect(test).toMatchObject({ payments: 1, paid: [{ currency: "KES", amount: 9, count: 1 }], otherModePayments: 5, storefronts: [{ name: "Shop A" }] });
  });

  it("says nothing seen for a number without payments in the mode", async () => {
    expect(await getCustomerSummary(db, { phone: OTHER, mode: "test" })).toEqual({
      payments: 0, byStatus: {}, paid: [], firstSeenAt: null, lastSeenAt: null, lastPaidAt: null, storefronts: [], otherModePayments: 1,
    });
  });

  it("lists the number's payments through the payments table's own query, newest first, paged", async () => {
    const search = { ...parsePaymentSearch({ pageSize: "10" }), phone: CUSTOMER };
    const page = await findPayments(db, { search, mode: "live" });
    expect(page.data.map((p) => p.id)).toEqual([ids.pending, ids.paidAgain, ids.failed, ids.tzs, ids.first]);
    expect(page.total).toBe(5);
    const byAmount = await findPayments(db, { search: { ...search, sort: "amount", dir: "desc", pageSize: 10 }, mode: "live" });
    expect(byAmount.data[0]!.id).toBe(ids.tzs);
    expect((await findPayments(db, { search, mode: "test" })).data.map((p) => p.id)).toEqual([ids.test]);
  });
});

describe("findPaymentRows (the table's refresh of waiting rows)", () => {
  it("answers the asked rows as the table shows them, in the asked mode only", async () => {
    const rows = await findPaymentRows(db, { ids: [ids.pending!, ids.first!, ids.test!, "pay_doesnotexist000"], mode: "live" });
    expect(rows.map((r) => r.id).sort()).toEqual([ids.pending, ids.first].sort());
    expect(rows.find((r) => r.id === ids.pending)).toMatchObject({ status: "PENDING", storefrontName: "Shop A", phone: CUSTOMER });
    await db.payment.update({ where: { id: ids.pending! }, data: { status: "SUCCEEDED", mpesaReceipt: "TLC7ABCDEF", completedAt: new Date("2026-12-06T08:00:40Z") } });
    const [settled] = await findPaymentRows(db, { ids: [ids.pending!], mode: "live" });
    expect(settled).toMatchObject({ status: "SUCCEEDED", mpesaReceipt: "TLC7ABCDEF" });
    expect(await findPaymentRows(db, { ids: [], mode: "live" })).toEqual([]);
  });
});
