import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrisma } from "@/lib/db/client";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { findPayments } from "@/lib/payments/find-payments";
import { filterOf } from "@/lib/payments/payment-filter";
import { parsePaymentSearch } from "@/lib/dashboard/payment-search-params";
import { streamPaymentsCsv } from "@/lib/payments/stream-payments-csv";
import { insertPayment, insertStorefront } from "@/lib/testing/payment-fixtures";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";

let database: TestDatabase;
let db: PrismaClient;
let shopA: string;
let shopB: string;
const ids: Record<string, string> = {};

const find = (query: string, mode: "live" | "test" = "live") =>
  findPayments(db, { search: parsePaymentSearch(new URLSearchParams(query)), mode });
const found = async (query: string) => (await find(query)).data.map((p) => p.id).sort();

beforeAll(async () => {
  database = await createTestDatabase();
  db = createPrisma(database.url, 4);
  shopA = (await insertStorefront(db, "Shop A")).id;
  shopB = (await insertStorefront(db, "Shop B")).id;
  // 23:30 EAT on 1 Dec is 20:30 UTC; 00:30 EAT on 2 Dec is 21:30 UTC on 1 Dec.
  ids.lateEvening = (await insertPayment(db, shopA, { status: "SUCCEEDED", amount: 1000, phone: "254712345678", reference: "INV-1001", mpesaReceipt: "SKL7ZX9QW1", refundedAmount: 400, createdAt: new Date("2026-12-01T20:30:00Z") })).id;
  ids.afterMidnight = (await insertPayment(db, shopA, { status: "FAILED", amount: 50, phone: "254798765432", reference: "inv-2002", resultCode: "1032", createdAt: new Date("2026-12-01T21:30:00Z") })).id;
  ids.review = (await insertPayment(db, shopB, { status: "REVIEW", amount: 300, phone: "254110005678", reference: "ORDER_7", reviewReason: "amount differs", checkoutRequestId: "ws_CO_111", createdAt: new Date("2026-12-03T09:00:00Z") })).id;
  ids.late = (await insertPayment(db, shopB, { status: "SUCCEEDED", amount: 5000, phone: "254722000111", reference: "50%OFF", late: true, receiptMissing: true, refundedAmount: 5000, createdAt: new Date("2026-12-04T09:00:00Z") })).id;
  ids.test = (await insertPayment(db, shopA, { mode: "TEST", status: "SUCCEEDED", amount: 10, phone: "254712345678", reference: "INV-1001", createdAt: new Date("2026-12-02T09:00:00Z") })).id;
  ids.tzs = (await insertPayment(db, shopA, { mode: "TEST", status: "SUCCEEDED", amount: 1500, currency: "TZS", phone: "255754000001", reference: "TZ-1", createdAt: new Date("2026-12-02T10:00:00Z") })).id;
});

afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

describe("findPayments", () => {
  it("stops counting at the cap and says there are more, offering Next exactly when a row follows", async () => {
    const base = parsePaymentSearch(new URLSearchParams(""));
    const exact = await findPayments(db, { search: base, mode: "live", countCap: 4 });
    expect(exact).toMatchObject({ total: 4, totalPages: 1 });
    expect(exact.totalIsLowerBound).toBeUndefined();
    // Four live payments, counting stops after 2; the page itself shows four, so "at least 4".
    const onePage = await findPayments(db, { search: base, mode: "live", countCap: 2 });
    expect(onePage).toMatchObject({ total: 4, totalIsLowerBound: true, totalPages: 1 });
    expect(onePage.data).toHaveLength(4);
    // Pages of two: one row more than a page is read, so Next is offered exactly when a row follows.
    const first = await findPayments(db, { search: { ...base, pageSize: 2 }, mode: "live", countCap: 2 });
    expect(first).toMatchObject({ totalIsLowerBound: true, totalPages: 2, previous: null });
    expect(first.data).toHaveLength(2);
    const second = await findPayments(db, { search: { ...base, pageSize: 2, page: 2, after: first.next! }, mode: "live", countCap: 2 });
    expect(second).toMatchObject({ total: 4, totalIsLowerBound: true, totalPages: 2, next: null });
    const third = await findPayments(db, { search: { ...base, pageSize: 2, page: 3 }, mode: "live", countCap: 2 });
    expect(third.data).toHaveLength(0);
  });

  it("shows one mode at a time", async () => {
    expect((await find("")).total).toBe(4);
    expect((await find("", "test")).data.map((p) => p.id)).toEqual([ids.tzs, ids.test]);
  });

  it("filters by currency, and shows each row's own", async () => {
    expect((await find("currency=TZS", "test")).data.map((p) => [p.id, p.currency])).toEqual([[ids.tzs, "TZS"]]);
    expect((await find("currency=KES", "test")).data.map((p) => p.id)).toEqual([ids.test]);
    expect((await find("currency=TZS")).total).toBe(0);
  });

  it("filters by status and by EAT calendar dates", async () => {
    expect(await found("status=FAILED,REVIEW")).toEqual([ids.afterMidnight, ids.review].sort());
    expect(await found("from=2026-12-01&to=2026-12-01")).toEqual([ids.lateEvening]);
    expect(await found("from=2026-12-02&to=2026-12-02")).toEqual([ids.afterMidnight]);
  });

  it("filters by storefront, amount range and flags", async () => {
    expect(await found(`storefront=${shopB}`)).toEqual([ids.review, ids.late].sort());
    expect(await found("min=50&max=300")).toEqual([ids.afterMidnight, ids.review].sort());
    expect(await found("flags=late,receipt_missing")).toEqual([ids.late]);
    expect(await found("flags=review")).toEqual([ids.review]);
    // Given back in part (400 of 1000) or in full (5000 of 5000).
    expect(await found("flags=refunded")).toEqual([ids.lateEvening, ids.late].sort());
    expect(await found("flags=fully_refunded")).toEqual([ids.late]);
  });

  it("finds a payment by receipt, phone in any format, last digits, reference, CheckoutRequestID and id", async () => {
    expect(await found("q=skl7zx9qw1")).toEqual([ids.lateEvening]);
    expect(await found("q=0712345678")).toEqual([ids.lateEvening]);
    expect(await found("q=%2B254712345678")).toEqual([ids.lateEvening]);
    expect(await found("q=0712 345 678")).toEqual([ids.lateEvening]);
    expect(await found("q=5678")).toEqual([ids.lateEvening, ids.review].sort());
    expect(await found("q=0110005678")).toEqual([ids.review]);
    expect(await found("q=inv-")).toEqual([ids.lateEvening, ids.afterMidnight].sort());
    expect(await found("q=INV-2002")).toEqual([ids.afterMidnight]);
    expect(await found("q=ws_CO_111")).toEqual([ids.review]);
    expect(await found(`q=${ids.late}`)).toEqual([ids.late]);
  });

  it("treats LIKE wildcards in a search literally", async () => {
    expect(await found("q=50%25")).toEqual([ids.late]);
    expect(await found("q=ORDER_")).toEqual([ids.review]);
    expect(await found("q=ORDERX")).toEqual([]);
  });

  it("sorts by a whitelisted column and pages with a total", async () => {
    const page1 = await find("sort=amount&dir=asc&pageSize=10");
    expect(page1.data.map((p) => p.amount)).toEqual([50, 300, 1000, 5000]);
    const page2 = await find("sort=amount&dir=desc&pageSize=10&page=2");
    expect(page2).toMatchObject({ data: [], total: 4, page: 2, totalPages: 1 });
    const newest = await find("");
    expect(newest.data[0]!.id).toBe(ids.late);
    expect(newest.data[0]!.storefrontName).toBe("Shop B");
  });
});

describe("streamPaymentsCsv", () => {
  const exportRows = async (query: string) => {
    const stream = streamPaymentsCsv(database.url, { filter: filterOf(parsePaymentSearch(new URLSearchParams(query))), mode: "live" });
    const text = await new Response(stream).text();
    // The fixtures hold no commas or quotes, so a plain split reads this CSV.
    const [header, ...lines] = text.trim().split("\n").map((l) => l.split(","));
    return lines.map((cells) => Object.fromEntries(header!.map((h, i) => [h, cells[i] ?? ""])));
  };

  it("exports the whole filtered set, newest first, each row once, whatever the page or cursor", async () => {
    const rows = await exportRows("");
    expect(rows.map((r) => r.id)).toEqual([ids.late, ids.review, ids.afterMidnight, ids.lateEvening]);
    const failed = await exportRows("status=FAILED,SUCCEEDED&page=7&pageSize=10&after=WyJhbW91bnQiLDEsInBheV94Il0");
    expect(failed.map((r) => r.id).sort()).toEqual([ids.late, ids.afterMidnight, ids.lateEvening].sort());
  });

  it("writes EAT and UTC times and integer amounts", async () => {
    const [row] = await exportRows("q=SKL7ZX9QW1");
    expect(row).toMatchObject({ created_at_eat: "2026-12-01T23:30:00.000+03:00", created_at_utc: "2026-12-01T20:30:00.000Z", amount: "1000", amount_refunded: "400", storefront: "Shop A" });
  });

  it("writes each payment's currency, and exports one currency when filtered by it", async () => {
    const stream = streamPaymentsCsv(database.url, { filter: filterOf(parsePaymentSearch(new URLSearchParams("currency=TZS"))), mode: "test" });
    const [header, ...lines] = (await new Response(stream).text()).trim().split("\n").map((l) => l.split(","));
    expect(lines).toHaveLength(1);
    expect(Object.fromEntries(header!.map((h, i) => [h, lines[0]![i]]))).toMatchObject({ id: ids.tzs, amount: "1500", currency: "TZS" });
  });

  it("exports a header alone when nothing matches", async () => {
    expect(await exportRows("q=nothing-here")).toEqual([]);
  });
});
