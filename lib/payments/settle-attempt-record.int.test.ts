import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrisma } from "@/lib/db/client";
import type { PaymentStatus, PrismaClient } from "@/lib/generated/prisma/client";
import { createId } from "@/lib/ids";
import { settlePayment } from "@/lib/payments/settle-payment";
import { callbackObservation, queryObservation } from "@/lib/testing/observations";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";

const NOW = new Date("2026-11-21T08:15:00.000Z");

/**
 * The attempt's record rides in the next statement the settle path sends (a timeline entry, a
 * storefront event), or goes alone when the decision writes none: either way it is written once,
 * in the settle path's transaction.
 */
describe("settlePayment writes the observed attempt's record", () => {
  let database: TestDatabase;
  let db: PrismaClient;
  const storefrontId = "sf_attemptrecord";

  const paymentWithAttempt = async (status: PaymentStatus, attemptStatus: "PENDING" | "EXPIRED") => {
    const id = createId("pay");
    await db.payment.create({ data: { id, storefrontId, mode: "TEST", status, amount: 100, phone: "254712345678", reference: "AR-1", expiresAt: NOW, createdAt: NOW, nextQueryAt: NOW } });
    const attempt = await db.paymentAttempt.create({ data: { id: createId("att"), paymentId: id, sequence: 1, status: attemptStatus, createdAt: NOW } });
    return { id, attemptId: attempt.id };
  };
  const timeline = (paymentId: string) => db.paymentEvent.findMany({ where: { paymentId }, orderBy: { id: "asc" }, select: { type: true, toStatus: true } });

  beforeAll(async () => {
    database = await createTestDatabase();
    db = createPrisma(database.url, 4);
    await db.storefront.create({ data: { id: storefrontId, name: "Attempt record" } });
    await db.webhookEndpoint.create({ data: { id: "we_attemptrecord", storefrontId, mode: "TEST", url: "https://shop.example/hook", secretEncrypted: "x" } });
  });
  afterAll(async () => {
    await db.$disconnect();
    await database.drop();
  });

  it("with the transition: the failure's entry, its storefront event and the attempt's record land together", async () => {
    const { id, attemptId } = await paymentWithAttempt("PENDING", "PENDING");
    const settled = await db.$transaction((tx) =>
      settlePayment(tx, { paymentId: id, input: { ...callbackObservation({ resultCode: "1", outcome: "failed" }), attemptId }, now: NOW }));
    expect(settled).toMatchObject({ outcome: "applied", after: { status: "FAILED", resultCode: "1" } });
    expect(await db.paymentAttempt.findUniqueOrThrow({ where: { id: attemptId } })).toMatchObject({ status: "FAILED", resultCode: "1", completedAt: NOW });
    expect(await timeline(id)).toEqual([{ type: "fail", toStatus: "FAILED" }]);
    const events = await db.webhookEvent.findMany({ where: { paymentId: id }, include: { deliveries: true } });
    expect(events.map((e) => [e.type, e.deliveries.length])).toEqual([["payment.failed", 1]]);
  });

  it("alone: a status query's failure after the deadline records the attempt though it adds no timeline entry", async () => {
    const { id, attemptId } = await paymentWithAttempt("EXPIRED", "EXPIRED");
    const settled = await db.$transaction((tx) =>
      settlePayment(tx, { paymentId: id, input: { ...queryObservation({ resultCode: "1037", outcome: "failed" }), attemptId }, now: NOW, recordUnchanged: false }));
    expect(settled).toMatchObject({ outcome: "stale", after: { status: "EXPIRED", resultCode: "1037", nextQueryAt: null } });
    expect(await db.paymentAttempt.findUniqueOrThrow({ where: { id: attemptId } })).toMatchObject({ status: "FAILED", resultCode: "1037", completedAt: NOW });
    expect(await timeline(id)).toEqual([]);
  });

  it("never without its transaction: a settle that fails after deciding leaves the attempt as it was", async () => {
    const { id, attemptId } = await paymentWithAttempt("PENDING", "PENDING");
    const failed = await db.$transaction(async (tx) => {
      await settlePayment(tx, { paymentId: id, input: { ...callbackObservation({ resultCode: "1", outcome: "failed" }), attemptId }, now: NOW });
      throw new Error("the caller's next step failed");
    }).then(() => null, (e: unknown) => e);
    expect(failed).toBeInstanceOf(Error);
    expect(await db.paymentAttempt.findUniqueOrThrow({ where: { id: attemptId } })).toMatchObject({ status: "PENDING", resultCode: null, completedAt: null });
    expect(await db.payment.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "PENDING" });
    expect(await timeline(id)).toEqual([]);
  });
});
