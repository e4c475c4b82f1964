import { describe, expect, it } from "vitest";
import { matchOutcome, moneyOutOutcome, unattachedNote } from "@/lib/ledger/match-outcome";

const settled = (decision: Parameters<typeof matchOutcome>[2]["decision"], outcome: Parameters<typeof matchOutcome>[2]["outcome"], status: Parameters<typeof matchOutcome>[2]["before"]["status"], reason?: string) =>
  matchOutcome("pay_1", "UKT1AAAAAA", { decision, outcome, reason, before: { status } });

describe("matchOutcome", () => {
  it("calls a filled-in receipt FILLED and a settled or healed payment HEALED", () => {
    expect(settled({ kind: "fill_receipt" }, "applied", "SUCCEEDED")).toEqual({ status: "FILLED", note: "Filled in receipt UKT1AAAAAA on payment pay_1, which had been settled without one" });
    expect(settled({ kind: "succeed", late: true }, "applied", "EXPIRED")).toMatchObject({ status: "HEALED", note: expect.stringContaining("it had expired") });
    expect(settled({ kind: "succeed", late: false }, "applied", "PENDING")).toMatchObject({ status: "HEALED", note: expect.stringContaining("whose own answer had not come") });
  });

  it("calls a payment that already holds the receipt MATCHED, and one sent to or kept in review MISMATCHED", () => {
    expect(settled({ kind: "duplicate" }, "duplicate", "SUCCEEDED")).toEqual({ status: "MATCHED", note: "Payment pay_1 already holds receipt UKT1AAAAAA" });
    expect(settled({ kind: "review", reason: "M-Pesa reported KES 90" }, "applied", "SUCCEEDED", "M-Pesa reported KES 90")).toEqual({ status: "MISMATCHED", note: "Sent payment pay_1 to review: M-Pesa reported KES 90" });
    expect(settled({ kind: "duplicate" }, "duplicate", "REVIEW")).toMatchObject({ status: "MISMATCHED", note: expect.stringContaining("under review") });
    expect(settled({ kind: "stale", reason: "a person decides" }, "stale", "REVIEW")).toMatchObject({ status: "MISMATCHED" });
  });

  it("says why a line matched nothing", () => {
    expect(unattachedNote({ receipt: "UKT1AAAAAA", accountReference: "INV-9", amountMinor: 150000, currency: "KES" }))
      .toBe('No payment holds receipt UKT1AAAAAA, and none of this account has reference "INV-9" and amount KES 1500');
    expect(unattachedNote({ receipt: "UKT1AAAAAA", accountReference: null, amountMinor: 100, currency: "KES" })).toContain("names no account reference");
  });
});

describe("moneyOutOutcome", () => {
  const reversal = { receipt: "UJ1JK6LM7N", linkedReceipt: "UJ1AB2CD3E", transactionType: "Pay Utility Reversal" };
  it("calls a refund's line REFUND, by its method", () => {
    expect(moneyOutOutcome(reversal, { kind: "refund", refundId: "re_1", paymentId: "pay_1", method: "reversal" }))
      .toEqual({ status: "REFUND", note: "Refund re_1 of payment pay_1 (reversal UJ1JK6LM7N)" });
    expect(moneyOutOutcome({ ...reversal, linkedReceipt: null }, { kind: "refund", refundId: "re_2", paymentId: "pay_2", method: "b2c" })?.note).toContain("B2C payout UJ1JK6LM7N");
  });

  it("calls a refund's line of another amount than the refund a mismatch", () => {
    expect(moneyOutOutcome(reversal, { kind: "refund_amount_differs", refundId: "re_1", paymentId: "pay_1", refundMinor: 25_000 }))
      .toEqual({ status: "MISMATCHED", note: expect.stringContaining("another amount than this line's (250)") });
  });

  it("leaves a line whose refund waits for its result unjudged, and calls other money out NOT_A_PAYMENT", () => {
    expect(moneyOutOutcome(reversal, { kind: "refund_in_flight", refundId: "re_1", paymentId: "pay_1" })).toBeNull();
    expect(moneyOutOutcome({ receipt: "UJ1ST0UV1W", linkedReceipt: null, transactionType: "Settlement" }, { kind: "other" }))
      .toEqual({ status: "NOT_A_PAYMENT", note: "Money out of the account (Settlement): not a customer payment" });
  });

  it("says an unknown reversal is one, with its payment and a failed refund of it when there is one", () => {
    const known = moneyOutOutcome(reversal, { kind: "unknown_reversal", paymentId: "pay_1", failedRefundId: "re_9" });
    expect(known?.status).toBe("UNKNOWN_REVERSAL");
    expect(known?.note).toBe("M-Pesa reversed receipt UJ1AB2CD3E (payment pay_1) in reversal UJ1JK6LM7N, and no Malipo refund accounts for it (Malipo's refund re_9 of this payment failed): reversed on the org portal? Check with whoever reversed it");
    expect(moneyOutOutcome({ ...reversal, linkedReceipt: null }, { kind: "unknown_reversal", paymentId: null, failedRefundId: null })?.note).toContain("reversed a receipt it does not name in reversal");
  });
});
