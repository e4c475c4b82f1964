import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { refundsAwaitingApproval } from "@/lib/alerts/conditions/refunds-awaiting-approval";
import { refundsUnsettled } from "@/lib/alerts/conditions/refunds-unsettled";
import { findAttentionItems } from "@/lib/alerts/find-attention-items";
import { createPrisma } from "@/lib/db/client";
import type { Env } from "@/lib/env";
import type { PrismaClient, RefundStatus } from "@/lib/generated/prisma/client";
import { insertPayment, insertStorefront } from "@/lib/testing/payment-fixtures";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";

// Injected time: every threshold is measured back from here.
const T = new Date("2026-12-09T12:00:00.000Z");
const at = (minutes: number) => new Date(T.getTime() + minutes * 60_000);
const env = {} as Env;

let database: TestDatabase;
let db: PrismaClient;
let storefrontId: string;
let accountId: string;
let receipts = 0;

async function refund(id: string, mode: "TEST" | "LIVE", status: RefundStatus, o: { updatedAt: Date; sentAt?: Date[]; outcomeUnknown?: boolean }) {
  const payment = await insertPayment(db, storefrontId, { mode, status: "SUCCEEDED", amount: 500, mpesaReceipt: `UAR${String(++receipts).padStart(7, "0")}` });
  await db.refund.create({
    data: { id, paymentId: payment.id, storefrontId, mode, collectionAccountId: accountId, amount: 500, currency: "KES", method: "reversal", status,
      reason: "returned goods", requestedVia: "dashboard", requestedByEmail: "asker@example.test", createdAt: at(-600), updatedAt: o.updatedAt, outcomeUnknown: o.outcomeUnknown ?? false },
  });
  for (const sentAt of o.sentAt ?? []) await db.refundEvent.create({ data: { refundId: id, type: "send", fromStatus: "APPROVED", toStatus: "PENDING", createdAt: sentAt } });
}

beforeAll(async () => {
  database = await createTestDatabase();
  db = createPrisma(database.url, 2);
  storefrontId = (await insertStorefront(db, "Refund Alert Shop")).id;
  accountId = (await db.collectionAccount.create({ data: { id: "acct_refund_alerts", storefrontId, mode: "LIVE", name: "Till", source: "DASHBOARD" } })).id;
  await refund("re_waiting_old_live", "LIVE", "REQUESTED", { updatedAt: at(-61) });
  await refund("re_approved_old_live", "LIVE", "APPROVED", { updatedAt: at(-120) });
  await refund("re_waiting_new_live", "LIVE", "REQUESTED", { updatedAt: at(-59) });
  await refund("re_waiting_old_test", "TEST", "REQUESTED", { updatedAt: at(-200) });
  // Sent three hours ago, and nothing since: unsettled. Sent first long ago, sent again an hour ago: not yet.
  await refund("re_pending_old_live", "LIVE", "PENDING", { updatedAt: at(-1), sentAt: [at(-180)], outcomeUnknown: true });
  await refund("re_pending_resent_live", "LIVE", "PENDING", { updatedAt: at(-1), sentAt: [at(-400), at(-60)] });
  await refund("re_done_live", "LIVE", "SUCCEEDED", { updatedAt: at(-300), sentAt: [at(-400)] });
});

afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

describe("refund alert conditions", () => {
  it("counts refunds waiting for an admin past the threshold, per mode", async () => {
    const findings = await refundsAwaitingApproval.evaluate({ db, now: T, env, threshold: 60 });
    expect(findings.map((f) => [f.subject, f.details?.count]).sort()).toEqual([["LIVE", 2], ["TEST", 1]]);
    expect(findings.find((f) => f.subject === "LIVE")!.summary).toContain("2 live refunds waiting for an admin for more than 60 min");
    expect(await refundsAwaitingApproval.evaluate({ db, now: T, env, threshold: 300 })).toEqual([]);
  });

  it("counts refunds whose last sending is older than the threshold and that are still pending", async () => {
    const findings = await refundsUnsettled.evaluate({ db, now: T, env, threshold: 120 });
    expect(findings.map((f) => [f.subject, f.details?.count])).toEqual([["LIVE", 1]]);
    // Past the re-sending too, both count; past the first sending only, none.
    expect((await refundsUnsettled.evaluate({ db, now: T, env, threshold: 30 }))[0]!.details?.count).toBe(2);
    expect(await refundsUnsettled.evaluate({ db, now: T, env, threshold: 200 })).toEqual([]);
  });
});

describe("findAttentionItems: refunds", () => {
  it("lists the mode's refunds waiting for an admin and those sent with an unknown outcome", async () => {
    const live = await findAttentionItems(db, { mode: "live", stuckAfterSeconds: 600, refundCheckAfterMinutes: 90, now: T });
    expect(live.refundsWaiting.items.map((r) => r.id).sort()).toEqual(["re_approved_old_live", "re_waiting_new_live", "re_waiting_old_live"]);
    // Of unknown outcome; the one sent again an hour ago is not overdue yet at 90 minutes…
    expect(live.refundsUnknown.items.map((r) => r.id)).toEqual(["re_pending_old_live"]);
    // …and is at 30: the list and the unsettled alert judge by the same last sending.
    const sooner = await findAttentionItems(db, { mode: "live", stuckAfterSeconds: 600, refundCheckAfterMinutes: 30, now: T });
    expect(sooner.refundsUnknown.items.map((r) => r.id).sort()).toEqual(["re_pending_old_live", "re_pending_resent_live"]);
    expect(live.refundsWaiting.items[0]!.payment.storefront.name).toBe("Refund Alert Shop");
    const test = await findAttentionItems(db, { mode: "test", stuckAfterSeconds: 600, now: T });
    expect([test.refundsWaiting.total, test.refundsUnknown.total]).toEqual([1, 0]);
  });
});
