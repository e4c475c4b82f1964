import { describe, expect, it } from "vitest";
import type { PaymentStatus } from "@/lib/generated/prisma/client";
import { decide, type AttemptFacts, type PaymentFacts } from "@/lib/payments/decide";
import type { Observation } from "@/lib/payments/observation";
import { ALL_STATUSES } from "@/lib/payments/state";

const payment = (status: PaymentStatus, extra: Partial<PaymentFacts> = {}): PaymentFacts => ({ status, amount: 100, phone: "254708374149", mpesaReceipt: null, resultCode: null, ...extra });
const observed = (extra: Partial<Observation>): Observation => ({ result: "succeeded", resultCode: "0", resultDescription: "", source: "callback", evidence: {}, amount: 100, receipt: "UKT1AAAAAA", attemptId: "att_x", ...extra });
const latest: AttemptFacts = { sequence: 2, latest: true, otherSucceeded: null };
const earlier: AttemptFacts = { sequence: 1, latest: false, otherSucceeded: null };

describe("decide: observations of a payment's attempts", () => {
  it("settles a payment by its latest attempt as it always did", () => {
    expect(decide(payment("PENDING"), observed({}), null, latest)).toEqual({ kind: "succeed", late: false });
    expect(decide(payment("PENDING"), observed({ result: "cancelled", resultCode: "1032" }), null, latest)).toEqual({ kind: "cancel" });
    expect(decide(payment("PENDING"), observed({ result: "failed", resultCode: "1037" }), null, latest)).toEqual({ kind: "fail" });
  });

  it("counts a late success of an earlier attempt while a later one is still waiting", () => {
    expect(decide(payment("PENDING"), observed({}), null, earlier)).toEqual({ kind: "succeed", late: false });
    expect(decide(payment("INITIATING"), observed({}), null, earlier)).toEqual({ kind: "succeed", late: false });
    expect(decide(payment("EXPIRED"), observed({}), null, earlier)).toEqual({ kind: "succeed", late: true });
  });

  it("never fails, cancels or reviews a payment on an earlier attempt's failure or unknown code", () => {
    for (const status of ALL_STATUSES) {
      for (const result of ["failed", "cancelled", "unknown"] as const) {
        expect(decide(payment(status), observed({ result, resultCode: "1032" }), null, earlier)).toMatchObject({ kind: "stale", reason: expect.stringContaining("attempt 1") });
      }
    }
  });

  it("sends a second attempt's success to REVIEW: the customer may have paid twice", () => {
    const twice = { sequence: 1, latest: false, otherSucceeded: 2 };
    expect(decide(payment("SUCCEEDED", { mpesaReceipt: "UKT2BBBBBB", resultCode: "0" }), observed({}), null, twice))
      .toMatchObject({ kind: "review", reason: expect.stringMatching(/attempt 1 paid after attempt 2 was paid/) });
    // Even without a receipt (a status query's success), and even if the payment is open again.
    expect(decide(payment("SUCCEEDED"), observed({ source: "query", receipt: undefined }), null, twice)).toMatchObject({ kind: "review" });
    expect(decide(payment("PENDING"), observed({}), null, { sequence: 2, latest: true, otherSucceeded: 1 })).toMatchObject({ kind: "review" });
  });

  it("leaves a payment in REVIEW to a person, and treats the same attempt's repeated success as before", () => {
    expect(decide(payment("REVIEW", { resultCode: "0" }), observed({}), null, { sequence: 1, latest: false, otherSucceeded: 2 })).toEqual({ kind: "duplicate" });
    const settled = payment("SUCCEEDED", { mpesaReceipt: "UKT1AAAAAA", resultCode: "0" });
    expect(decide(settled, observed({}), null, latest)).toEqual({ kind: "duplicate" });
    expect(decide(payment("SUCCEEDED", { resultCode: "0" }), observed({}), null, latest)).toEqual({ kind: "fill_receipt" });
  });

  it("waits on a still-processing answer of any attempt", () => {
    expect(decide(payment("PENDING"), observed({ result: "pending", resultCode: "4999" }), null, earlier)).toEqual({ kind: "wait" });
  });
});
