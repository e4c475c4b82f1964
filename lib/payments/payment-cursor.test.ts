import { describe, expect, it } from "vitest";
import { decodePaymentCursor, paymentCursorOf } from "@/lib/payments/payment-cursor";

const row = { id: "pay_3kTMd9x", createdAt: new Date("2026-12-01T20:30:00.123Z"), amount: 1500, status: "FAILED" as const };
const token = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

describe("payment cursors", () => {
  it("round-trips the sort key and id of a row for every sort, URL-safe", () => {
    expect(decodePaymentCursor("created_at", paymentCursorOf("created_at", row))).toEqual({ sort: "created_at", createdAt: row.createdAt, id: row.id });
    expect(decodePaymentCursor("amount", paymentCursorOf("amount", row))).toEqual({ sort: "amount", amount: 1500, id: row.id });
    expect(decodePaymentCursor("status", paymentCursorOf("status", row))).toEqual({ sort: "status", status: "FAILED", createdAt: row.createdAt, id: row.id });
    expect(paymentCursorOf("status", row)).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it("names no position for another sort's cursor, malformed text or values out of bounds", () => {
    expect(decodePaymentCursor("amount", paymentCursorOf("created_at", row))).toBeNull();
    expect(decodePaymentCursor("created_at", undefined)).toBeNull();
    expect(decodePaymentCursor("created_at", "%%%")).toBeNull();
    expect(decodePaymentCursor("created_at", token({ sort: "created_at" }))).toBeNull();
    expect(decodePaymentCursor("created_at", token(["created_at", "2026-12-01", row.id]))).toBeNull();
    expect(decodePaymentCursor("created_at", token(["created_at", row.createdAt.toISOString(), "sf_notapayment"]))).toBeNull();
    expect(decodePaymentCursor("amount", token(["amount", 2 ** 40, row.id]))).toBeNull();
    expect(decodePaymentCursor("amount", token(["amount", "1500", row.id]))).toBeNull();
    expect(decodePaymentCursor("status", token(["status", "PAID", row.createdAt.toISOString(), row.id]))).toBeNull();
  });
});
