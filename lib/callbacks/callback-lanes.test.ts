import { describe, expect, it } from "vitest";
import { callbackLanes } from "@/lib/callbacks/callback-lanes";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { paymentIdOfToken } from "@/lib/rails/callback-token";

const SIGNATURE = "A".repeat(43);
const row = (id: number, payment: string | null, receivedAt = "2026-12-02T10:00:00Z") =>
  ({ id: BigInt(id), token: payment ? `${payment}.${SIGNATURE}` : "not-a-token", receivedAt: new Date(receivedAt) });
/** A client whose one query answers these rows, and that records the ids it was asked for. */
const dbWith = (rows: ReturnType<typeof row>[]) => {
  const asked: unknown[] = [];
  const db = { $queryRaw: async (_sql: TemplateStringsArray, ids: unknown) => { asked.push(ids); return rows; } } as unknown as PrismaClient;
  return { db, asked };
};
const jobs = (...pairs: [string, number][]) => pairs.map(([id, log]) => ({ id, data: { callbackLogId: String(log) } }));

describe("callbackLanes", () => {
  it("puts one payment's callbacks on one lane in arrival order, whatever the batch's order, each payment apart", async () => {
    const { db, asked } = dbWith([row(12, "pay_AAAAAAAA"), row(10, "pay_AAAAAAAA"), row(11, "pay_BBBBBBBB"), row(13, "pay_AAAAAAAA")]);
    const lanes = await callbackLanes(db, jobs(["j13", 13], ["j11", 11], ["j10", 10], ["j12", 12]), paymentIdOfToken);
    expect(lanes).toEqual([["j10", "j12", "j13"], ["j11"]]);
    expect(asked).toEqual([["13", "11", "10", "12"]]);
  });

  it("orders by arrival before row id: a callback drained from the spool after an outage goes before later ones", async () => {
    // Row 31 came first but sat in the spool; row 30 arrived a minute later, straight to the database.
    const { db } = dbWith([row(30, "pay_AAAAAAAA", "2026-12-02T10:01:00Z"), row(31, "pay_AAAAAAAA", "2026-12-02T10:00:00Z"), row(32, "pay_AAAAAAAA", "2026-12-02T10:01:00Z")]);
    const lanes = await callbackLanes(db, jobs(["j30", 30], ["j31", 31], ["j32", 32]), paymentIdOfToken);
    expect(lanes).toEqual([["j31", "j30", "j32"]]);
  });

  it("runs a callback alone when its row is gone or its token names no payment, and keeps two jobs of one row in the batch's order", async () => {
    const { db, asked } = dbWith([row(20, "pay_AAAAAAAA"), row(21, null)]);
    const lanes = await callbackLanes(db, jobs(["second", 20], ["gone", 99], ["bad", 21], ["first", 20]), paymentIdOfToken);
    expect(lanes).toEqual([["second", "first"], ["gone"], ["bad"]]);
    expect(asked).toEqual([["20", "99", "21"]]);
  });
});
