import { stringify } from "csv-stringify/sync";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrisma } from "@/lib/db/client";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { filterOf, type PaymentFilter } from "@/lib/payments/payment-filter";
import { parsePaymentSearch } from "@/lib/dashboard/payment-search-params";
import { PAYMENT_CSV_COLUMNS, toPaymentCsvRecord } from "@/lib/payments/payment-csv-record";
import { paymentWhereSql } from "@/lib/payments/payment-filter-sql";
import { PAYMENT_ROW_COLUMNS, toPaymentRow, type PaymentRowRecord } from "@/lib/payments/payment-row";
import { streamPaymentsCsv } from "@/lib/payments/stream-payments-csv";
import { insertPayment, insertStorefront } from "@/lib/testing/payment-fixtures";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";

let database: TestDatabase;
let db: PrismaClient;
let shop: string;

// Text that spreadsheets and CSV readers trip on: formula leaders, separators, quotes, line breaks,
// a bare CR, backslashes, empty strings, blanks, non-ASCII.
const AWKWARD = ["=SUM(A1)", "+254712", "-5", "@cmd", "\tTab", "\rCR", "a,b", 'say "hi"', "two\nlines", "bare\rcr", "back\\slash", "", " ", "Ünïcødé ✓", "😀 emoji", "'quoted", "x".repeat(60)];

beforeAll(async () => {
  database = await createTestDatabase();
  db = createPrisma(database.url, 4);
  shop = (await insertStorefront(db, "=Shop, \"Ltd\"")).id;
  for (const [i, text] of AWKWARD.entries()) {
    await insertPayment(db, shop, {
      status: i % 3 === 0 ? "SUCCEEDED" : "PENDING", amount: 1 + i * 997, reference: text, description: text, mpesaReceipt: i % 2 ? null : `R${i}${text}`,
      resultCode: i % 4 ? text : null, resultDesc: text, checkoutRequestId: i % 5 ? `ws_CO_${text}` : null, reviewReason: i % 2 ? text : null,
      late: i % 2 === 0, receiptMissing: i % 3 === 0, outcomeUnknown: i % 4 === 0, refundedAmount: i % 3 === 0 ? Math.floor((1 + i * 997) / (i % 2 + 1)) : 0,
      createdAt: new Date(Date.UTC(2026, 11, 1, 20, 59, 59, i)), completedAt: i % 2 ? new Date(Date.UTC(2026, 11, 1, 21, 0, i, 5)) : null,
    });
  }
});

afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

/** The export as it was written before COPY: rows through Prisma, the TypeScript record, csv-stringify. */
async function exportInTypeScript(filter: PaymentFilter): Promise<string> {
  const rows = await db.$queryRaw<PaymentRowRecord[]>`
    SELECT ${PAYMENT_ROW_COLUMNS} FROM payments p JOIN storefronts s ON s.id = p.storefront_id
     WHERE ${paymentWhereSql(filter, "live")} ORDER BY p.created_at DESC, p.id DESC`;
  const records = rows.map((r) => toPaymentCsvRecord(toPaymentRow(r)));
  return stringify([[...PAYMENT_CSV_COLUMNS]]) + (records.length ? stringify(records, { columns: [...PAYMENT_CSV_COLUMNS] }) : "");
}

const exportByCopy = async (filter: PaymentFilter) => Buffer.from(await new Response(streamPaymentsCsv(database.url, { filter, mode: "live" })).arrayBuffer());
const filterFor = (query: string) => filterOf(parsePaymentSearch(new URLSearchParams(query)));

describe("the CSV export by COPY", () => {
  it("writes byte for byte what the TypeScript record and csv-stringify write, awkward text included", async () => {
    for (const query of ["", "q=%3DSUM", "status=SUCCEEDED", "q=nothing-matches"]) {
      const expected = Buffer.from(await exportInTypeScript(filterFor(query)), "utf8");
      expect((await exportByCopy(filterFor(query))).equals(expected)).toBe(true);
    }
    const all = (await exportByCopy(filterFor(""))).toString("utf8");
    expect(all).toContain(`'=SUM(A1)`);
    expect(all).toContain(`"'=Shop, ""Ltd"""`);
  });

  it("stays identical for any text a storefront or M-Pesa may send (property)", { timeout: 120_000 }, async () => {
    // PostgreSQL text holds every character but NUL.
    const text = fc.string({ unit: "grapheme", maxLength: 20 }).map((s) => s.replaceAll("\u0000", ""));
    const withLeader = fc.tuple(fc.constantFrom("", "=", "+", "-", "@", "\t", "\r", "\n", '"', ","), text).map(([a, b]) => a + b);
    let n = 0;
    await fc.assert(
      fc.asyncProperty(withLeader, withLeader, fc.option(withLeader), async (reference, description, resultDesc) => {
        const marker = `PROP-${++n}`;
        await insertPayment(db, shop, { reference, description, resultDesc, resultCode: marker });
        const filter = filterFor("");
        const expected = Buffer.from(await exportInTypeScript(filter), "utf8");
        expect((await exportByCopy(filter)).equals(expected)).toBe(true);
        // The fixture gives each payment its first attempt, as createPayment does.
        await db.paymentAttempt.deleteMany({ where: { payment: { resultCode: marker } } });
        await db.payment.deleteMany({ where: { resultCode: marker } });
      }),
      { numRuns: 40 },
    );
  });

  it("takes typed search text as a value, never as SQL", async () => {
    const hostile = filterFor(`q=${encodeURIComponent("x'); DROP TABLE payments; --")}`);
    expect((await exportByCopy(hostile)).toString("utf8")).toBe(stringify([[...PAYMENT_CSV_COLUMNS]]));
    expect(await db.payment.count()).toBeGreaterThan(0);
  });

  it("stops reading when the download is abandoned, and releases its connection", async () => {
    const reader = streamPaymentsCsv(database.url, { filter: filterFor(""), mode: "live" }).getReader();
    expect((await reader.read()).done).toBe(false);
    await reader.cancel();
    const exports = () => db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'malipo-csv-export' AND datname = current_database()`;
    for (let i = 0; i < 50 && (await exports())[0]!.n > 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect((await exports())[0]!.n).toBe(0);
  });
});
