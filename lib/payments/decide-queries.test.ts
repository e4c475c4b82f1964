import { describe, expect, it } from "vitest";
import type { PaymentStatus } from "@/lib/generated/prisma/client";
import { decide, type PaymentFacts } from "@/lib/payments/decide";
import { queryObservation, type QueryFacts } from "@/lib/testing/observations";

// The query rules, now the settle path's one decision over a final query answer's observation.
const decideQueryAction = (p: PaymentFacts, answer: QueryFacts) => decide(p, queryObservation(answer));

const payment = (status: PaymentStatus, extra: Partial<PaymentFacts> = {}): PaymentFacts => ({ status, amount: 100, phone: "254708374149", mpesaReceipt: null, resultCode: null, ...extra });
const paid: QueryFacts = { resultCode: "0", outcome: "succeeded" };
const cancelled: QueryFacts = { resultCode: "1032", outcome: "cancelled" };
const failed: QueryFacts = { resultCode: "1037", outcome: "failed" };

describe("decide: a status query answer", () => {
  it("settles an open payment by the answer's result code", () => {
    expect(decideQueryAction(payment("PENDING"), paid)).toEqual({ kind: "succeed", late: false });
    expect(decideQueryAction(payment("PENDING"), cancelled)).toEqual({ kind: "cancel" });
    expect(decideQueryAction(payment("INITIATING"), failed)).toEqual({ kind: "fail" });
  });

  it("takes the requested amount as confirmed: the query reports none, and that is not a mismatch", () => {
    expect(decideQueryAction(payment("PENDING", { amount: 250_000 }), paid)).toEqual({ kind: "succeed", late: false });
  });

  it("applies the late and contradiction rules of callbacks", () => {
    expect(decideQueryAction(payment("EXPIRED"), paid)).toEqual({ kind: "succeed", late: true });
    expect(decideQueryAction(payment("FAILED", { resultCode: "1037" }), paid)).toEqual({ kind: "review", reason: "M-Pesa reported a success after the payment had failed" });
    expect(decideQueryAction(payment("CANCELLED", { resultCode: "1032" }), paid)).toMatchObject({ kind: "review" });
    expect(decideQueryAction(payment("SUCCEEDED", { resultCode: "0", mpesaReceipt: "UKT1AAAAAA" }), failed)).toMatchObject({ kind: "stale" });
    expect(decideQueryAction(payment("EXPIRED"), failed)).toMatchObject({ kind: "stale" });
  });

  it("recognises an answer the payment already reflects as a duplicate, with or without a receipt", () => {
    expect(decideQueryAction(payment("SUCCEEDED", { resultCode: "0" }), paid)).toEqual({ kind: "duplicate" });
    expect(decideQueryAction(payment("SUCCEEDED", { resultCode: "0", mpesaReceipt: "UKT1AAAAAA" }), paid)).toEqual({ kind: "duplicate" });
    expect(decideQueryAction(payment("CANCELLED", { resultCode: "1032" }), cancelled)).toEqual({ kind: "duplicate" });
    expect(decideQueryAction(payment("REVIEW", { resultCode: "0" }), paid)).toEqual({ kind: "duplicate" });
  });
});
