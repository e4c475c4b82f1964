import { describe, expect, it } from "vitest";
import { matchOutcome, unattachedNote } from "@/lib/ledger/match-outcome";

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
