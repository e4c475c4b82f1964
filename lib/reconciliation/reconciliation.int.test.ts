import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient, Prisma } from "@/lib/generated/prisma/client";
import { insertPayment, insertStorefront } from "@/lib/testing/payment-fixtures";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { countRecords, findLedgerLinesPage } from "./find-reconciliation-records";
import { dailyDifference, findReconciliationDays } from "./reconciliation-days";
import { parseReconciliationSearch } from "./reconciliation-search-params";
import { streamExceptionsCsv } from "./stream-exceptions-csv";

/**
 * The reconciliation screen's queries against real PostgreSQL: totals and counts per EAT day,
 * account and currency (a payment at 00:30 EAT belongs to that day, not the UTC one), never summed
 * across currencies or modes, the clean day said clean, and the exceptions CSV defused. Match
 * statuses and ledger_missing_at are set directly, as the matcher and the ledger check would.
 */
let database: TestDatabase;
let db: PrismaClient;
let storefrontId: string;
const KES = "acct_rec_kes";
const TZS = "acct_rec_tzs";
const OTHER = "acct_rec_other";
// 2 October 2026 EAT runs from 1 October 21:00 UTC.
const OCT2_0030_EAT = new Date("2026-10-01T21:30:00Z");
const OCT2_NOON = new Date("2026-10-02T09:00:00Z");
const OCT3_NOON = new Date("2026-10-03T09:00:00Z");
const OCT1_2330_EAT = new Date("2026-10-01T20:30:00Z");
let receiptSeq = 0;

async function line(accountId: string, currency: string, amountMinor: number, completedAt: Date, data: Partial<Prisma.LedgerLineUncheckedCreateInput> = {}) {
  return db.ledgerLine.create({
    data: { collectionAccountId: accountId, mode: "LIVE", currency, receipt: `UJ${String(++receiptSeq).padStart(8, "0")}`, direction: "IN", amountMinor, completedAt,
      sources: ["statement"], firstSeenAt: completedAt, lastSeenAt: completedAt, ...data },
  });
}
const paid = (accountId: string, amount: number, completedAt: Date, data: Partial<Prisma.PaymentUncheckedCreateInput> = {}) =>
  insertPayment(db, storefrontId, { collectionAccountId: accountId, status: "SUCCEEDED", amount, completedAt, createdAt: new Date(completedAt.getTime() - 60_000), ...data });

beforeAll(async () => {
  database = await createTestDatabase();
  process.env.DATABASE_URL = database.url;
  (await import("@/lib/env")).resetEnvForTests();
  db = (await import("@/lib/db/client")).getDb();
  storefrontId = (await insertStorefront(db)).id;
  for (const [id, currency] of [[KES, "KES"], [TZS, "TZS"], [OTHER, "KES"]] as const) {
    await db.collectionAccount.create({ data: { id, storefrontId, mode: "LIVE", name: id, currency, source: "DASHBOARD", settings: { environment: "simulator", shortcode: "600984", tillNumber: null } } });
  }
  // 2 Oct, KES: two payments matched, one filled in, one healed, one missing; an unattached and a mismatched line.
  const a = await paid(KES, 1000, OCT2_0030_EAT);
  const b = await paid(KES, 500, OCT2_NOON);
  const c = await paid(KES, 250, OCT2_NOON, { receiptMissing: false });
  const d = await paid(KES, 300, OCT2_NOON, { late: true });
  await paid(KES, 200, OCT2_NOON, { ledgerMissingAt: OCT3_NOON });
  const e = await paid(KES, 400, OCT2_NOON, { status: "REVIEW" });
  await line(KES, "KES", 100_000, OCT2_0030_EAT, { matchStatus: "MATCHED", paymentId: a.id });
  await line(KES, "KES", 50_000, OCT2_NOON, { matchStatus: "MATCHED", paymentId: b.id });
  await line(KES, "KES", 25_000, OCT2_NOON, { matchStatus: "FILLED", paymentId: c.id });
  await line(KES, "KES", 30_000, OCT2_NOON, { matchStatus: "HEALED", paymentId: d.id });
  await line(KES, "KES", 77_750, OCT2_NOON, { matchStatus: "UNATTACHED", accountReference: '=HYPERLINK("http://evil.example","x")' });
  await line(KES, "KES", 45_000, OCT2_NOON, { matchStatus: "MISMATCHED", paymentId: e.id, disagreement: "statement gives amount 45000 (minor units), c2b_confirmation gave 40000" });
  await line(KES, "KES", 10_000, OCT2_NOON, { direction: "OUT", matchStatus: "NOT_A_PAYMENT" });
  // 1 Oct 23:30 EAT: its own day. 3 Oct KES: clean. TZS on 2 Oct: clean, never added to KES.
  await paid(KES, 700, OCT1_2330_EAT);
  await line(KES, "KES", 70_000, OCT1_2330_EAT, { matchStatus: "MATCHED" });
  const f = await paid(KES, 900, OCT3_NOON);
  await line(KES, "KES", 90_000, OCT3_NOON, { matchStatus: "MATCHED", paymentId: f.id });
  const g = await paid(TZS, 5000, OCT2_NOON, { currency: "TZS" });
  await line(TZS, "TZS", 500_000, OCT2_NOON, { matchStatus: "MATCHED", paymentId: g.id });
  // Another mode's figures never appear.
  await paid(OTHER, 9999, OCT2_NOON, { mode: "TEST" });
});

afterAll(async () => {
  await (await import("@/lib/db/client")).disconnectDb();
  await database?.drop();
});

describe("reconciliation", () => {
  it("totals and counts per EAT day, account and currency, and says which days are clean", async () => {
    const days = await findReconciliationDays(db, { mode: "LIVE", from: "2026-10-01", to: "2026-10-03" });
    const by = (day: string, account: string) => days.find((d) => d.day === day && d.collectionAccountId === account);
    expect(days.map((d) => [d.day, d.collectionAccountId, d.currency])).toEqual([
      ["2026-10-03", KES, "KES"], ["2026-10-02", KES, "KES"], ["2026-10-02", TZS, "TZS"], ["2026-10-01", KES, "KES"],
    ]);
    expect(by("2026-10-02", KES)).toEqual({
      day: "2026-10-02", collectionAccountId: KES, currency: "KES", malipoMinor: 225_000, malipoCount: 5, ledgerInMinor: 327_750, ledgerInCount: 6,
      differenceMinor: 102_750, refundsOutMinor: 0, refundsOutCount: 0, matched: 2, filled: 1, healed: 1, refunds: 0, unattached: 1, mismatched: 1, unknownReversals: 0,
      pending: 0, missing: 1, clean: false,
    });
    expect(by("2026-10-02", TZS)).toMatchObject({ malipoMinor: 500_000, ledgerInMinor: 500_000, differenceMinor: 0, clean: true });
    expect(by("2026-10-01", KES)).toMatchObject({ malipoMinor: 70_000, ledgerInMinor: 70_000, clean: true });
    expect(by("2026-10-03", KES)).toMatchObject({ malipoCount: 1, clean: true });
    const chart = dailyDifference(days, { from: "2026-10-01", to: "2026-10-03" });
    expect(chart.get("KES")).toEqual([{ day: "2026-10-01", value: 0 }, { day: "2026-10-02", value: 102_750 }, { day: "2026-10-03", value: 0 }]);
    expect(chart.get("TZS")).toEqual([{ day: "2026-10-01", value: 0 }, { day: "2026-10-02", value: 0 }, { day: "2026-10-03", value: 0 }]);
    expect(await findReconciliationDays(db, { mode: "LIVE", from: "2026-10-02", to: "2026-10-02", accountId: TZS })).toEqual([by("2026-10-02", TZS)]);
    expect(await findReconciliationDays(db, { mode: "TEST", from: "2026-10-01", to: "2026-10-03" })).toEqual([
      expect.objectContaining({ collectionAccountId: OTHER, malipoMinor: 999_900, ledgerInMinor: 0, clean: false }),
    ]);
  });

  it("lists the records behind each count, and exports the exceptions with formulas defused", async () => {
    const scope = { mode: "LIVE" as const, from: "2026-10-01", to: "2026-10-03", accountId: KES, day: "2026-10-02" };
    expect(await countRecords(db, scope, "missing")).toBe(1);
    expect(await countRecords(db, scope, "matched")).toBe(2);
    expect(await countRecords(db, { ...scope, day: null }, "matched")).toBe(4);
    expect((await findLedgerLinesPage(db, scope, "disagreement", { take: 10 })).map((l) => l.amountMinor)).toEqual([45_000]);
    const csv = await new Response(streamExceptionsCsv(db, scope)).text();
    const rows = csv.trim().split("\n");
    expect(rows[0]).toBe("kind,day_eat,collection_account,currency,amount,receipt,match_status,payment_id,account_reference,counterparty,sources,note,completed_at_eat,completed_at_utc");
    // The mismatched line's sources disagree: it is exported as that, once, whatever the matcher made of it.
    expect(rows.slice(1).map((r) => r.split(",")[0])).toEqual(["sources_disagree", "unattached_line", "missing_from_ledger"]);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(csv).toContain("777.50");
  });

  it("reads the URL's filters forgivingly: defaults, swapped dates, a range capped at 92 days", () => {
    const now = new Date("2026-10-03T05:00:00Z");
    expect(parseReconciliationSearch({}, { now, dashboardMode: "live" })).toMatchObject({ mode: "live", from: "2026-09-20", to: "2026-10-03", accountId: null, status: null });
    expect(parseReconciliationSearch({ from: "2026-10-03", to: "2026-10-01", mode: "test", status: "missing", account: "x;drop" }, { now, dashboardMode: "live" }))
      .toMatchObject({ mode: "test", from: "2026-10-01", to: "2026-10-03", accountId: null, status: "missing" });
    expect(parseReconciliationSearch({ from: "2020-01-01", to: "2026-10-03", day: "2026-02-30" }, { now, dashboardMode: "live" })).toMatchObject({ from: "2026-07-04", day: null });
  });
});
