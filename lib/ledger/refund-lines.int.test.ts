import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { createId } from "@/lib/ids";
import { insertPayment, insertStorefront } from "@/lib/testing/payment-fixtures";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";

/**
 * Money out on M-Pesa's ledger, matched against real PostgreSQL: a reversal's line goes to its
 * refund and payment (REFUND), a B2C payout's line by its receipt, a reversal nobody in Malipo
 * asked for is an UNKNOWN_REVERSAL exception naming the payment, a reversal whose refund still
 * waits for its result waits with it and becomes the refund's once the refund succeeds, and a
 * payout seen before its refund's result is judged again when the refund takes its receipt. The
 * reconciliation screen then shows the money out apart from money in, and the exceptions CSV
 * lists the unknown reversal. Lines and refunds are written directly, as their sources would.
 */
let database: TestDatabase;
let db: PrismaClient;
let storefrontId: string;
const ACCOUNT = "acct_refund_lines";
const NOON = new Date("2026-10-02T09:00:00Z"); // 2 Oct, 12:00 EAT
const LATER = new Date("2026-10-02T10:00:00Z");
let seq = 0;
const receipt = () => `UJ2${String(++seq).padStart(7, "0")}`;

async function paid(amount: number) {
  return insertPayment(db, storefrontId, { collectionAccountId: ACCOUNT, status: "SUCCEEDED", amount, mpesaReceipt: receipt(), completedAt: NOON, createdAt: new Date(NOON.getTime() - 60_000) });
}
async function refund(paymentId: string, amount: number, data: Partial<Prisma.RefundUncheckedCreateInput> = {}) {
  return db.refund.create({
    data: { id: createId("re"), paymentId, storefrontId, mode: "LIVE", collectionAccountId: ACCOUNT, amount, currency: "KES", method: "reversal", status: "SUCCEEDED",
      reason: "customer asked", requestedVia: "dashboard", requestedByEmail: "finance@example.test", createdAt: NOON, updatedAt: NOON, ...data },
  });
}
async function outLine(amountMinor: number, data: Partial<Prisma.LedgerLineUncheckedCreateInput> = {}) {
  return db.ledgerLine.create({
    data: { collectionAccountId: ACCOUNT, mode: "LIVE", currency: "KES", receipt: receipt(), direction: "OUT", amountMinor, completedAt: LATER,
      sources: ["statement"], firstSeenAt: LATER, lastSeenAt: LATER, ...data },
  });
}
const match = async () => (await import("@/lib/ledger/match-ledger-lines")).matchLedgerLines(db, { now: () => LATER });
const lineById = (id: bigint) => db.ledgerLine.findUniqueOrThrow({ where: { id } });

beforeAll(async () => {
  database = await createTestDatabase();
  process.env.DATABASE_URL = database.url;
  (await import("@/lib/env")).resetEnvForTests();
  db = (await import("@/lib/db/client")).getDb();
  storefrontId = (await insertStorefront(db)).id;
  await db.collectionAccount.create({ data: { id: ACCOUNT, storefrontId, mode: "LIVE", name: "Refund lines paybill", currency: "KES", source: "DASHBOARD", settings: { environment: "simulator", shortcode: "600984", tillNumber: null } } });
});
afterAll(async () => {
  await (await import("@/lib/jobs/boss")).stopSenderBoss();
  await (await import("@/lib/db/client")).disconnectDb();
  await database?.drop();
});

describe("refund lines on M-Pesa's ledger", () => {
  it("matches a reversal's line to its refund and payment, and a B2C payout's by its receipt; other money out stays not a payment", async () => {
    const reversed = await paid(1500);
    const reversalReceipt = receipt();
    const r1 = await refund(reversed.id, 1500, { mpesaReceipt: reversalReceipt });
    const reversal = await outLine(150_000, { receipt: reversalReceipt, linkedReceipt: reversed.mpesaReceipt, transactionType: "Pay Utility Reversal" });
    const partly = await paid(2000);
    const payoutReceipt = receipt();
    const r2 = await refund(partly.id, 500, { method: "b2c", mpesaReceipt: payoutReceipt });
    const payout = await outLine(50_000, { receipt: payoutReceipt, transactionType: "Business Payment to Customer via API" });
    const sweep = await outLine(1_000_000, { transactionType: "Utility Account to Organization Settlement Account" });

    expect(await match()).toEqual({ REFUND: 2, NOT_A_PAYMENT: 1 });
    expect(await lineById(reversal.id)).toMatchObject({ matchStatus: "REFUND", paymentId: reversed.id, matchNote: `Refund ${r1.id} of payment ${reversed.id} (reversal ${reversalReceipt})` });
    expect(await lineById(payout.id)).toMatchObject({ matchStatus: "REFUND", paymentId: partly.id, matchNote: `Refund ${r2.id} of payment ${partly.id} (B2C payout ${payoutReceipt})` });
    expect(await lineById(sweep.id)).toMatchObject({ matchStatus: "NOT_A_PAYMENT", paymentId: null });
  });

  it("flags a reversal no Malipo refund accounts for as an unknown reversal naming its payment, and one of a receipt Malipo lacks", async () => {
    const portal = await paid(700);
    const failed = await refund(portal.id, 700, { status: "FAILED", failureCode: "R000001" });
    const orphan = await outLine(70_000, { linkedReceipt: portal.mpesaReceipt, transactionType: "Pay Utility Reversal" });
    const stranger = await outLine(30_000, { linkedReceipt: "UJ9ZZZZZZZ", transactionType: "Reversal" });

    expect(await match()).toEqual({ UNKNOWN_REVERSAL: 2 });
    const line = await lineById(orphan.id);
    expect(line).toMatchObject({ matchStatus: "UNKNOWN_REVERSAL", paymentId: portal.id });
    expect(line.matchNote).toContain(`M-Pesa reversed receipt ${portal.mpesaReceipt} (payment ${portal.id})`);
    expect(line.matchNote).toContain(`refund ${failed.id} of this payment failed`);
    expect(await lineById(stranger.id)).toMatchObject({ matchStatus: "UNKNOWN_REVERSAL", paymentId: null, matchNote: expect.stringContaining("which no Malipo payment holds") });
  });

  it("keeps a reversal whose refund waits for its result PENDING, and makes it the refund's once the refund succeeds", async () => {
    const { inTransaction } = await import("@/lib/db/in-transaction");
    const { settleRefund } = await import("@/lib/refunds/settle-refund");
    const waiting = await paid(400);
    const r = await refund(waiting.id, 400, { status: "PENDING" });
    const line = await outLine(40_000, { linkedReceipt: waiting.mpesaReceipt, transactionType: "Reversal" });
    expect(await match()).toEqual({});
    expect(await lineById(line.id)).toMatchObject({ matchStatus: "PENDING" });

    await inTransaction(db, (tx) => settleRefund(tx, r.id, { kind: "succeeded", reversalReceipt: line.receipt, completedAt: LATER, source: "ledger" }, LATER));
    expect(await match()).toEqual({ REFUND: 1 });
    expect(await lineById(line.id)).toMatchObject({ matchStatus: "REFUND", paymentId: waiting.id });
  });

  it("judges a payout seen before its refund's result again when the refund takes its receipt", async () => {
    const { inTransaction } = await import("@/lib/db/in-transaction");
    const { settleRefund } = await import("@/lib/refunds/settle-refund");
    const partly = await paid(900);
    const r = await refund(partly.id, 300, { method: "b2c", status: "PENDING" });
    const payout = await outLine(30_000, { transactionType: "Business Payment to Customer via API" });
    expect(await match()).toEqual({ NOT_A_PAYMENT: 1 });

    await inTransaction(db, (tx) => settleRefund(tx, r.id, { kind: "succeeded", reversalReceipt: payout.receipt, completedAt: LATER, source: "b2c_result" }, LATER));
    expect(await lineById(payout.id)).toMatchObject({ matchStatus: "PENDING", paymentId: null });
    expect(await match()).toEqual({ REFUND: 1 });
    expect(await lineById(payout.id)).toMatchObject({ matchStatus: "REFUND", paymentId: partly.id });
  });

  it("never takes a payment's refund line for the payment's own money in the ledger check", async () => {
    const { checkLedgerMissing } = await import("@/lib/ledger/check-ledger-missing");
    await db.ledgerCoverage.create({ data: { collectionAccountId: ACCOUNT, source: "statement", reference: "stmt_refund_lines", fromTime: new Date(NOON.getTime() - 3600_000), toTime: new Date(NOON.getTime() + 3600_000), createdAt: NOON } });
    const result = await checkLedgerMissing(db, { now: new Date(NOON.getTime() + 48 * 3600_000), missingAfterHours: 24 });
    // Every payment above has only its refund's or reversal's line, none of its money in: all are missing.
    expect(result.flagged).toBe(5);
  });

  it("shows the day's money out apart from money in, counts the unknown reversals as exceptions, and exports them", async () => {
    const { findReconciliationDays } = await import("@/lib/reconciliation/reconciliation-days");
    const { streamExceptionsCsv } = await import("@/lib/reconciliation/stream-exceptions-csv");
    const [day] = await findReconciliationDays(db, { mode: "LIVE", from: "2026-10-02", to: "2026-10-02" });
    expect(day).toMatchObject({
      day: "2026-10-02", ledgerInMinor: 0, ledgerInCount: 0, refundsOutMinor: 150_000 + 50_000 + 70_000 + 30_000 + 40_000 + 30_000, refundsOutCount: 6,
      refunds: 4, unknownReversals: 2, clean: false,
    });
    const csv = await new Response(streamExceptionsCsv(db, { mode: "LIVE", from: "2026-10-02", to: "2026-10-02", accountId: ACCOUNT, day: null })).text();
    const kinds = csv.trim().split("\n").slice(1).map((r) => r.split(",")[0]);
    expect(kinds.filter((k) => k === "unknown_reversal_line")).toHaveLength(2);
    expect(csv).toContain("reversed on the org portal?");
  });
});
