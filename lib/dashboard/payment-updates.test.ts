import { describe, expect, it } from "vitest";
import {
  changedRows, isWaitingOnMpesa, nextRefreshDelay, paymentRowSchema, paymentUpdatesQuerySchema, REFRESH_BASE_MS, REFRESH_MAX_MS,
} from "@/lib/dashboard/payment-updates";
import type { PaymentRow } from "@/lib/payments/payment-row";

const row = (over: Partial<PaymentRow> = {}): PaymentRow => ({
  id: "pay_0000000000000001", mode: "TEST", status: "PENDING", amount: 100, currency: "KES", refundedAmount: 0, rail: "daraja_stk", phone: "254712345678", reference: "INV1",
  description: null, mpesaReceipt: null, resultCode: null, resultDesc: null, checkoutRequestId: "ws_CO_1", storefrontId: "sf_1",
  storefrontName: "Shop", late: false, receiptMissing: false, outcomeUnknown: false, reviewReason: null,
  createdAt: new Date("2026-12-12T08:00:00.000Z"), completedAt: null, ...over,
});

describe("which rows wait", () => {
  it("waits on initiating and pending payments only", () => {
    expect(isWaitingOnMpesa("INITIATING")).toBe(true);
    expect(isWaitingOnMpesa("PENDING")).toBe(true);
    for (const s of ["SUCCEEDED", "FAILED", "CANCELLED", "EXPIRED", "REVIEW"] as const) expect(isWaitingOnMpesa(s)).toBe(false);
  });
});

describe("nextRefreshDelay", () => {
  it("backs off while nothing changes, up to the maximum, and returns to the base after a change", () => {
    let delay = REFRESH_BASE_MS;
    const seen: number[] = [];
    for (let i = 0; i < 8; i++) seen.push((delay = nextRefreshDelay(delay, false)));
    expect(seen.slice(0, 3)).toEqual([3_000, 4_500, 6_750]);
    expect(seen.at(-1)).toBe(REFRESH_MAX_MS);
    expect(Math.max(...seen)).toBe(REFRESH_MAX_MS);
    expect(nextRefreshDelay(REFRESH_MAX_MS, true)).toBe(REFRESH_BASE_MS);
  });
});

describe("the refresh request and answer", () => {
  it("takes up to 100 distinct payment ids and refuses anything else", () => {
    expect(paymentUpdatesQuerySchema.parse({ ids: "pay_abcdefgh1, pay_abcdefgh1,pay_abcdefgh2" }).ids).toEqual(["pay_abcdefgh1", "pay_abcdefgh2"]);
    expect(paymentUpdatesQuerySchema.safeParse({ ids: "" }).success).toBe(false);
    expect(paymentUpdatesQuerySchema.safeParse({ ids: "pay_abcdefgh1,254712345678" }).success).toBe(false);
    expect(paymentUpdatesQuerySchema.safeParse({ ids: "pay_x'; DROP TABLE payments" }).success).toBe(false);
    const many = Array.from({ length: 101 }, (_, i) => `pay_abcdefgh${i}`).join(",");
    expect(paymentUpdatesQuerySchema.safeParse({ ids: many }).success).toBe(false);
  });

  it("reads the JSON answer back into rows with dates", () => {
    const json = JSON.parse(JSON.stringify(row({ status: "SUCCEEDED", completedAt: new Date("2026-12-12T08:01:00.000Z") })));
    const parsed = paymentRowSchema.parse(json);
    expect(parsed.createdAt).toEqual(new Date("2026-12-12T08:00:00.000Z"));
    expect(parsed.completedAt).toEqual(new Date("2026-12-12T08:01:00.000Z"));
    expect(paymentRowSchema.safeParse({ ...json, status: "PAID" }).success).toBe(false);
  });
});

describe("changedRows", () => {
  it("names the rows whose status, receipt, flags or completion moved", () => {
    const shown = [row(), row({ id: "pay_0000000000000002" })];
    const settled = row({ status: "SUCCEEDED", mpesaReceipt: "TLC1ABCDEF", completedAt: new Date("2026-12-12T08:00:30.000Z") });
    expect(changedRows(shown, [settled, row({ id: "pay_0000000000000002" })]).map((r) => r.id)).toEqual(["pay_0000000000000001"]);
    expect(changedRows(shown, [row()])).toEqual([]);
    // A refund that succeeded is a change: the row's badge says so.
    expect(changedRows(shown, [row({ refundedAmount: 40 })]).map((r) => r.id)).toEqual(["pay_0000000000000001"]);
    // A row the page does not show is not a change to it.
    expect(changedRows(shown, [row({ id: "pay_0000000000000009", status: "FAILED" })])).toEqual([]);
  });
});
