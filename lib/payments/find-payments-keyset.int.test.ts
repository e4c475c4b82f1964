import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrisma } from "@/lib/db/client";
import type { PaymentStatus, PrismaClient } from "@/lib/generated/prisma/client";
import { findPayments, type PaymentPage } from "@/lib/payments/find-payments";
import { paymentCursorOf } from "@/lib/payments/payment-cursor";
import { PAYMENT_SORTS, type PaymentSearch } from "@/lib/payments/payment-filter";
import { parsePaymentSearch, paymentSearchQuery } from "@/lib/dashboard/payment-search-params";
import { insertStorefront } from "@/lib/testing/payment-fixtures";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";

let database: TestDatabase;
let db: PrismaClient;
const STATUSES: PaymentStatus[] = ["SUCCEEDED", "FAILED", "PENDING"];
const PAGE_SIZE = 10;

// 47 payments with many ties: five creation instants, three amounts, three statuses, so only the id
// tells most rows apart. And one payment of the other mode, which no page may show.
beforeAll(async () => {
  database = await createTestDatabase();
  db = createPrisma(database.url, 4);
  const shop = (await insertStorefront(db)).id;
  await db.payment.createMany({
    data: Array.from({ length: 47 }, (_, i) => ({
      id: `pay_keyset${String((i * 37) % 47).padStart(3, "0")}`, storefrontId: shop, mode: "LIVE" as const, status: STATUSES[i % 3]!,
      amount: [100, 250, 100][i % 3]! * (i % 2 ? 1 : 2), phone: "254712345678", reference: `K${i}`,
      createdAt: new Date(Date.UTC(2026, 11, 1, 9, 0, i % 5)), expiresAt: new Date(Date.UTC(2026, 11, 1, 10)),
    })),
  });
  await db.payment.create({ data: { id: "pay_keysettest", storefrontId: shop, mode: "TEST", amount: 5, phone: "254712345678", reference: "T", expiresAt: new Date() } });
});

afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

const base = (query: string): PaymentSearch => ({ ...parsePaymentSearch(new URLSearchParams(query)), pageSize: PAGE_SIZE });
const find = (search: PaymentSearch) => findPayments(db, { search, mode: "live" });

/** Every row by OFFSET in one query: the order the pages must follow. */
async function wholeOrder(search: PaymentSearch): Promise<string[]> {
  return (await find({ ...search, pageSize: 100 })).data.map((p) => p.id);
}

/** Follows Next from the first page to the last, as the table's links do (through the URL). */
async function walkForward(search: PaymentSearch): Promise<PaymentPage[]> {
  const pages = [await find(search)];
  while (pages.at(-1)!.next) {
    const link = paymentSearchQuery({ ...search, page: pages.length + 1, after: pages.at(-1)!.next! });
    pages.push(await find({ ...parsePaymentSearch(new URLSearchParams(link.slice(1))), pageSize: PAGE_SIZE }));
  }
  return pages;
}

describe("keyset pages of the payments table", () => {
  for (const sort of PAYMENT_SORTS) {
    for (const dir of ["desc", "asc"] as const) {
      it(`shows every payment exactly once, in order, forwards and back (sort ${sort} ${dir})`, async () => {
        const search = base(`sort=${sort}&dir=${dir}`);
        const expected = await wholeOrder(search);
        expect(expected).toHaveLength(47);
        const pages = await walkForward(search);
        expect(pages.map((p) => p.page)).toEqual([1, 2, 3, 4, 5]);
        expect(pages.flatMap((p) => p.data.map((r) => r.id))).toEqual(expected);
        expect(pages.at(-1)!.data).toHaveLength(7);
        // Back from the last page by Previous links gives the same pages.
        let page = pages.at(-1)!;
        for (let n = pages.length - 1; n >= 1; n--) {
          page = await find({ ...search, page: n, before: page.previous! });
          expect(page.data.map((r) => r.id)).toEqual(pages[n - 1]!.data.map((r) => r.id));
          expect(page.page).toBe(n);
        }
        expect(page.previous).toBeNull();
      });
    }
  }

  it("agrees with OFFSET pages for the same position, filters included", async () => {
    const search = base("status=SUCCEEDED,FAILED&sort=amount");
    const byOffset = await find({ ...search, page: 2 });
    const first = await find(search);
    expect((await find({ ...search, page: 2, after: first.next! })).data).toEqual(byOffset.data);
  });

  it("reads back past the first page (rows added at the top meanwhile) as the first page", async () => {
    const search = base("");
    const first = await find(search);
    // Previous from a page that starts at the first page's fourth row: only three rows lie before it.
    const back = await find({ ...search, page: 2, before: paymentCursorOf("created_at", first.data[3]!) });
    expect(back).toMatchObject({ page: 1, previous: null });
    expect(back.data.map((r) => r.id)).toEqual(first.data.map((r) => r.id));
  });

  it("ignores a cursor made for another order, a tampered one, and one naming a row of no page", async () => {
    const search = base("sort=amount");
    const firstPage = (await find(search)).data.map((r) => r.id);
    const otherSort = paymentCursorOf("created_at", (await find(base(""))).data[3]!);
    for (const after of [otherSort, "bm90LWpzb24", Buffer.from(JSON.stringify(["amount", "1; DROP TABLE payments", "pay_x"])).toString("base64url"), "!!"]) {
      const page = await find({ ...search, after });
      expect(page.data.map((r) => r.id)).toEqual(firstPage);
    }
    // A well-formed cursor past the last row: an empty page (the table offers the first page).
    const end = await find({ ...search, dir: "asc", page: 9, after: Buffer.from(JSON.stringify(["amount", 2 ** 31 - 1, "pay_zzz"])).toString("base64url") });
    expect(end).toMatchObject({ data: [], next: null });
    expect(end.previous).toBeNull();
  });
});
