import { describe, expect, it } from "vitest";
import type { PaymentStatus } from "@/lib/generated/prisma/client";
import { decide, type PaymentFacts } from "@/lib/payments/decide";
import type { Observation } from "@/lib/payments/observation";
import { ALL_STATUSES } from "@/lib/payments/state";

const payment = (status: PaymentStatus, extra: Partial<PaymentFacts> = {}): PaymentFacts => ({ status, amount: 100, phone: "254708374149", mpesaReceipt: null, resultCode: null, ...extra });
const line = (extra: Partial<Observation> = {}): Observation => ({ result: "succeeded", resultCode: "0", resultDescription: "", source: "ledger", evidence: { ledgerLineId: "7" }, amount: 100, receipt: "UKT1AAAAAA", ...extra });

describe("decide: a ledger line", () => {
  it("fills the receipt of a payment settled without one, and changes nothing on one that holds it", () => {
    expect(decide(payment("SUCCEEDED"), line())).toEqual({ kind: "fill_receipt" });
    expect(decide(payment("SUCCEEDED", { mpesaReceipt: "UKT1AAAAAA" }), line())).toEqual({ kind: "duplicate" });
  });

  it("heals a lost-paid payment late, and sends one that failed or was cancelled to REVIEW", () => {
    expect(decide(payment("EXPIRED"), line())).toEqual({ kind: "succeed", late: true });
    expect(decide(payment("FAILED"), line())).toMatchObject({ kind: "review" });
    expect(decide(payment("CANCELLED"), line())).toMatchObject({ kind: "review" });
  });

  it("sends a line with another amount for the receipt a succeeded payment holds to REVIEW", () => {
    expect(decide(payment("SUCCEEDED", { mpesaReceipt: "UKT1AAAAAA" }), line({ amount: 90 }))).toEqual({
      kind: "review", reason: "M-Pesa reported KES 90 for receipt UKT1AAAAAA, which this payment of KES 100 holds",
    });
  });

  it("counts the same receipt and amount again as a duplicate on a payment an admin resolved as paid after a short payment", () => {
    const resolved = payment("SUCCEEDED", { mpesaReceipt: "UKT1AAAAAA", mpesaAmount: 90 });
    expect(decide(resolved, line({ amount: 90 }))).toEqual({ kind: "duplicate" });
    expect(decide(resolved, line({ source: "callback", amount: 90 }))).toEqual({ kind: "duplicate" });
    expect(decide(resolved, line({ amount: 100 }))).toMatchObject({ kind: "review", reason: expect.stringContaining("KES 90 holds") });
  });

  it("sends a disagreeing line to REVIEW from every state but REVIEW itself, where a person already decides", () => {
    for (const status of ALL_STATUSES) {
      const decision = decide(payment(status, { mpesaReceipt: "UKT1AAAAAA" }), line({ disagreement: "statement gives amount 9000, stk_callback gave 10000" }));
      if (status === "REVIEW") expect(decision).toMatchObject({ kind: "stale", reason: expect.stringContaining("under review") });
      else expect(decision).toEqual({ kind: "review", reason: "statement gives amount 9000, stk_callback gave 10000" });
    }
  });
});
