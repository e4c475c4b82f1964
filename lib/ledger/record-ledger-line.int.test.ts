import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrisma } from "@/lib/db/client";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { recordLedgerLine, type LedgerSighting } from "@/lib/ledger/record-ledger-line";
import type { LedgerLine } from "@/lib/rails/daraja/ledger-line";
import { readMsisdn } from "@/lib/rails/daraja/msisdn-evidence";
import { insertPayment, insertStorefront } from "@/lib/testing/payment-fixtures";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";

/**
 * The ledger's one writer, against real PostgreSQL: one line per receipt and account however many
 * sources tell of it, each adding only what it knows, a disagreement recorded (never overwritten),
 * and concurrent sightings of one receipt making one line.
 */

let database: TestDatabase;
let db: PrismaClient;
let accountId: string;
let paymentId: string;
const t0 = new Date("2026-03-02T09:00:00Z");
const later = new Date("2026-03-02T10:00:00Z");

const c2bLine = (receipt: string, over: Partial<LedgerLine> = {}): LedgerLine => ({
  source: "c2b_confirmation", receipt, shortcode: "174379", direction: "in", amountMinor: 150_000, currency: "KES",
  completedAt: t0, msisdn: readMsisdn("2547 ***** 126"), counterpartyName: "MARY", accountReference: null, linkedReceipt: null,
  transactionType: "Pay Bill", ...over,
});
const sighting = (line: LedgerLine, over: Partial<LedgerSighting> = {}): LedgerSighting => ({ collectionAccountId: accountId, mode: "TEST", currency: "KES", line, ...over });

beforeAll(async () => {
  database = await createTestDatabase();
  db = createPrisma(database.url, 8);
  const shop = await insertStorefront(db, "Ledger Shop");
  accountId = "acct_ledger_test";
  await db.collectionAccount.create({ data: { id: accountId, storefrontId: shop.id, mode: "TEST", name: "Paybill", source: "DASHBOARD" } });
  paymentId = (await insertPayment(db, shop.id, { status: "SUCCEEDED", amount: 1500 })).id;
});
afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

describe("recordLedgerLine", () => {
  it("writes the first sighting whole, and a repeat changes nothing but when it was last seen", async () => {
    const first = await db.$transaction((tx) => recordLedgerLine(tx, sighting(c2bLine("ul2aaa0001")), t0));
    expect(first).toMatchObject({ created: true, changed: true, matchStatus: "PENDING", disagreement: null });
    const again = await db.$transaction((tx) => recordLedgerLine(tx, sighting(c2bLine("UL2AAA0001")), later));
    expect(again).toMatchObject({ id: first.id, created: false, changed: false });
    const row = await db.ledgerLine.findUniqueOrThrow({ where: { id: first.id } });
    expect(row).toMatchObject({ receipt: "UL2AAA0001", direction: "IN", amountMinor: 150_000, sources: ["c2b_confirmation"], firstSeenAt: t0, lastSeenAt: later });
    expect(row.msisdn).toMatchObject({ kind: "masked", suffix: "126" });
  });

  it("lets a later source add only what was missing: a full number over a masked one, the payment, its own name", async () => {
    await db.$transaction((tx) => recordLedgerLine(tx, sighting(c2bLine("UL2AAA0002")), t0));
    const stk: LedgerLine = { ...c2bLine("UL2AAA0002"), source: "stk_callback", msisdn: readMsisdn("254712345126"), counterpartyName: "SOMEONE ELSE",
      accountReference: "INV-7", transactionType: null, completedAt: later };
    const result = await db.$transaction((tx) => recordLedgerLine(tx, sighting(stk, { paymentId }), later));
    expect(result).toMatchObject({ created: false, changed: true, disagreement: null });
    const row = await db.ledgerLine.findUniqueOrThrow({ where: { id: result.id } });
    expect(row).toMatchObject({ sources: ["c2b_confirmation", "stk_callback"], paymentId, accountReference: "INV-7", counterpartyName: "MARY",
      transactionType: "Pay Bill", completedAt: t0 });
    expect(row.msisdn).toMatchObject({ kind: "full", msisdn: "254712345126" });
    // A masked number afterwards does not replace the full one.
    await db.$transaction((tx) => recordLedgerLine(tx, sighting({ ...c2bLine("UL2AAA0002"), source: "statement", msisdn: readMsisdn("25471****126") }), later));
    expect((await db.ledgerLine.findUniqueOrThrow({ where: { id: result.id } })).msisdn).toMatchObject({ kind: "full" });
  });

  it("records a disagreeing amount without overwriting, and sends a settled line back to matching", async () => {
    const first = await db.$transaction((tx) => recordLedgerLine(tx, sighting(c2bLine("UL2AAA0003")), t0));
    await db.ledgerLine.update({ where: { id: first.id }, data: { matchStatus: "MATCHED", paymentId } });
    const other = await db.$transaction((tx) => recordLedgerLine(tx, sighting({ ...c2bLine("UL2AAA0003"), source: "statement", amountMinor: 140_000 }), later));
    expect(other.disagreement).toBe("statement gives amount 140000 (minor units), c2b_confirmation gave 150000");
    expect(other.matchStatus).toBe("PENDING");
    const row = await db.ledgerLine.findUniqueOrThrow({ where: { id: first.id } });
    expect(row).toMatchObject({ amountMinor: 150_000, sources: ["c2b_confirmation", "statement"], disagreement: other.disagreement });
  });

  it("keeps one line per account: the same receipt on another account is another line", async () => {
    const shop = await db.storefront.findFirstOrThrow();
    await db.collectionAccount.create({ data: { id: "acct_ledger_other", storefrontId: shop.id, mode: "TEST", name: "Till", source: "DASHBOARD" } });
    const a = await db.$transaction((tx) => recordLedgerLine(tx, sighting(c2bLine("UL2AAA0004")), t0));
    const b = await db.$transaction((tx) => recordLedgerLine(tx, sighting(c2bLine("UL2AAA0004"), { collectionAccountId: "acct_ledger_other" }), t0));
    expect(b.id).not.toBe(a.id);
    expect(b.created).toBe(true);
  });

  it("makes one line of twenty concurrent sightings of one receipt, with every source named once", async () => {
    const sources = ["c2b_confirmation", "stk_callback", "pull", "statement"] as const;
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) =>
      // Generous waits: twenty transactions queue for eight connections and for the one row's lock.
      db.$transaction((tx) => recordLedgerLine(tx, sighting({ ...c2bLine("UL2AAA0005"), source: sources[i % sources.length]! }), t0), { maxWait: 30_000, timeout: 30_000 })));
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    const row = await db.ledgerLine.findFirstOrThrow({ where: { receipt: "UL2AAA0005" } });
    expect([...row.sources].sort()).toEqual([...sources].sort());
    expect(row.disagreement).toBeNull();
  });
});
