import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { PaymentStatus } from "@/lib/generated/prisma/client";
import { classifyResultCode } from "@/lib/rails/daraja/result-codes";
import { decide, type Decision as CallbackAction, type PaymentFacts } from "@/lib/payments/decide";
import { callbackObservation, type CallbackFacts } from "@/lib/testing/observations";
import { applyEvent, canTransition, FINAL_STATUSES } from "@/lib/payments/state";

const payment = (status: PaymentStatus, extra: Partial<PaymentFacts> = {}): PaymentFacts => ({ status, amount: 100, phone: "254708374149", mpesaReceipt: null, resultCode: null, ...extra });
const success = (extra: Partial<CallbackFacts> = {}): CallbackFacts => ({ resultCode: "0", outcome: "succeeded", amount: 100, receipt: "UKT1ABCDEF", phone: "254708374149", ...extra });
const failure = (code: string): CallbackFacts => {
  const outcome = classifyResultCode(code).outcome;
  if (outcome === "pending") throw new Error("not a final code");
  return { resultCode: code, outcome };
};

// The callback rules, now the settle path's one decision over a callback's observation.
const decideCallbackAction = (p: PaymentFacts, cb: CallbackFacts, receiptOwnerId: string | null) => decide(p, callbackObservation(cb), receiptOwnerId);

describe("decide: a callback", () => {
  it("applies a matching success to an open payment, late after expiry", () => {
    expect(decideCallbackAction(payment("PENDING"), success(), null)).toEqual({ kind: "succeed", late: false });
    expect(decideCallbackAction(payment("INITIATING"), success(), null)).toEqual({ kind: "succeed", late: false });
    expect(decideCallbackAction(payment("EXPIRED"), success(), null)).toEqual({ kind: "succeed", late: true });
  });

  it("sends an amount mismatch or a receipt held by another payment to REVIEW, never to SUCCEEDED", () => {
    expect(decideCallbackAction(payment("PENDING"), success({ amount: 99 }), null)).toEqual({ kind: "review", reason: "M-Pesa reported KES 99 for a payment of KES 100" });
    expect(decideCallbackAction(payment("PENDING"), success({ amount: undefined }), null)).toMatchObject({ kind: "review" });
    expect(decideCallbackAction(payment("EXPIRED"), success({ amount: 100.5 }), null)).toMatchObject({ kind: "review" });
    expect(decideCallbackAction(payment("PENDING"), success(), "pay_other")).toEqual({ kind: "review", reason: "receipt UKT1ABCDEF already belongs to payment pay_other" });
  });

  it("takes a success whose rail names no amount at all (Vodacom's posted results) as the amount asked, and its repeat as a duplicate", () => {
    const unreported = { ...callbackObservation(success({ amount: undefined })), amountNotReported: true as const };
    expect(decide(payment("PENDING"), unreported, null)).toEqual({ kind: "succeed", late: false });
    expect(decide(payment("SUCCEEDED", { mpesaReceipt: "UKT1ABCDEF" }), unreported, null)).toEqual({ kind: "duplicate" });
    // Without the rail saying so, a missing amount is as suspect as a different one.
    expect(decide(payment("PENDING"), callbackObservation(success({ amount: undefined })), null)).toMatchObject({ kind: "review" });
  });

  it("sends a success from another phone to REVIEW, and accepts one masked consistently", () => {
    const reason = "M-Pesa reported the payment from 2547****000, not from 2547****149 the prompt was sent to";
    expect(decideCallbackAction(payment("PENDING"), success({ phone: "254711000000" }), null)).toEqual({ kind: "review", reason });
    expect(decideCallbackAction(payment("EXPIRED"), success({ phone: "254711000000" }), null)).toEqual({ kind: "review", reason });
    expect(decideCallbackAction(payment("SUCCEEDED", { resultCode: "0" }), success({ phone: "254711000000" }), null)).toEqual({ kind: "review", reason });
    expect(decideCallbackAction(payment("PENDING"), success({ phone: "2547 ***** 149" }), null)).toEqual({ kind: "succeed", late: false });
    expect(decideCallbackAction(payment("PENDING"), success({ phone: undefined }), null)).toEqual({ kind: "succeed", late: false });
    expect(decideCallbackAction(payment("PENDING"), success({ phone: "2547 ***** 126" }), null)).toMatchObject({ kind: "review" });
  });

  it("sends a success after FAILED or CANCELLED to REVIEW", () => {
    expect(decideCallbackAction(payment("FAILED", { resultCode: "1037" }), success(), null)).toEqual({ kind: "review", reason: "M-Pesa reported a success after the payment had failed" });
    expect(decideCallbackAction(payment("CANCELLED", { resultCode: "1032" }), success({ amount: 5 }), null)).toEqual({
      kind: "review", reason: "M-Pesa reported a success after the payment had been cancelled; M-Pesa reported KES 5 for a payment of KES 100",
    });
  });

  it("recognises the same success again as a duplicate", () => {
    const paid = payment("SUCCEEDED", { mpesaReceipt: "UKT1ABCDEF", resultCode: "0" });
    expect(decideCallbackAction(paid, success(), "pay_ignored")).toEqual({ kind: "duplicate" });
    expect(decideCallbackAction(payment("REVIEW", { resultCode: "0" }), success({ amount: 1 }), null)).toEqual({ kind: "duplicate" });
  });

  it("fills in the receipt of a payment settled without one, and reviews a second receipt", () => {
    expect(decideCallbackAction(payment("SUCCEEDED", { resultCode: "0" }), success(), null)).toEqual({ kind: "fill_receipt" });
    expect(decideCallbackAction(payment("SUCCEEDED", { resultCode: "0", mpesaReceipt: "UKT1AAAAAA" }), success(), null)).toMatchObject({ kind: "review" });
  });

  it("fails or cancels an open payment by result code", () => {
    expect(decideCallbackAction(payment("PENDING"), failure("1032"), null)).toEqual({ kind: "cancel" });
    expect(decideCallbackAction(payment("PENDING"), failure("1031"), null)).toEqual({ kind: "cancel" });
    expect(decideCallbackAction(payment("INITIATING"), failure("2001"), null)).toEqual({ kind: "fail" });
    expect(decideCallbackAction(payment("PENDING"), failure("SFC_IC0003"), null)).toEqual({ kind: "fail" });
  });

  it("sends a result code nobody knows to REVIEW, never to FAILED", () => {
    const reason = "M-Pesa reported result code 777, which Malipo does not recognise: check the M-Pesa statement";
    for (const status of ["INITIATING", "PENDING", "EXPIRED", "FAILED", "CANCELLED"] as const) {
      expect(decideCallbackAction(payment(status), failure("777"), null)).toEqual({ kind: "review", reason });
    }
    expect(decideCallbackAction(payment("SUCCEEDED", { resultCode: "0", mpesaReceipt: "R" }), failure("777"), null)).toMatchObject({ kind: "stale" });
    expect(decideCallbackAction(payment("REVIEW", { resultCode: "777" }), failure("777"), null)).toEqual({ kind: "duplicate" });
    expect(decideCallbackAction(payment("REVIEW", { resultCode: "0" }), failure("777"), null)).toMatchObject({ kind: "stale" });
  });

  it("records a failure after a final state as stale, and the same failure again as a duplicate", () => {
    expect(decideCallbackAction(payment("SUCCEEDED", { resultCode: "0", mpesaReceipt: "R" }), failure("1037"), null)).toMatchObject({ kind: "stale" });
    expect(decideCallbackAction(payment("EXPIRED"), failure("1037"), null)).toMatchObject({ kind: "stale" });
    expect(decideCallbackAction(payment("FAILED", { resultCode: "1037" }), failure("1037"), null)).toEqual({ kind: "duplicate" });
    expect(decideCallbackAction(payment("FAILED", { resultCode: "1037" }), failure("1032"), null)).toMatchObject({ kind: "stale" });
    expect(decideCallbackAction(payment("REVIEW", { resultCode: "0" }), failure("1"), null)).toMatchObject({ kind: "stale" });
  });
});

// A model of what the settle path writes, enough to chain decisions in a pure property test.
function applyModel(p: PaymentFacts, cb: CallbackFacts, action: CallbackAction): PaymentFacts {
  const event = action.kind === "succeed" || action.kind === "fail" || action.kind === "cancel" || action.kind === "review" ? action.kind : null;
  if (!event) return action.kind === "fill_receipt" ? { ...p, mpesaReceipt: cb.receipt ?? null } : p;
  const next = applyEvent(p.status, event);
  if (!next) throw new Error(`decided ${event} from ${p.status}, which the table forbids`);
  if (event === "review" && p.status === "SUCCEEDED") return { ...p, status: next };
  const receipt = event === "succeed" || (event === "review" && p.mpesaReceipt === null) ? (cb.receipt ?? p.mpesaReceipt) : p.mpesaReceipt;
  return { ...p, status: next, resultCode: cb.resultCode, mpesaReceipt: receipt };
}

const callbackArb: fc.Arbitrary<CallbackFacts> = fc.oneof(
  fc.record({
    resultCode: fc.constant("0"),
    outcome: fc.constant("succeeded" as const),
    amount: fc.constantFrom(100, 100, 100, 99, undefined),
    receipt: fc.constantFrom("UKT1AAAAAA", "UKT1BBBBBB", undefined),
  }),
  fc.constantFrom("1", "17", "1019", "1025", "1031", "1032", "1037", "2001", "SFC_IC0003", "9999").map(failure),
);

describe("any sequence of callbacks for one payment (property, pure)", () => {
  it("only ever proposes transitions the table allows, and reaches at most one final state besides REVIEW", () => {
    fc.assert(
      fc.property(
        fc.constantFrom<PaymentStatus>("INITIATING", "PENDING"),
        fc.array(callbackArb, { minLength: 1, maxLength: 12 }),
        fc.array(fc.nat(11), { maxLength: 6 }),
        fc.boolean(),
        (start, callbacks, duplicates, receiptTaken) => {
          // Duplicates of earlier callbacks are interleaved at random positions.
          const sequence = [...callbacks];
          for (const i of duplicates) sequence.splice(i % (sequence.length + 1), 0, callbacks[i % callbacks.length]!);
          let state = payment(start);
          const finals: PaymentStatus[] = [];
          for (const cb of sequence) {
            const action = decideCallbackAction(state, cb, receiptTaken && cb.receipt === "UKT1BBBBBB" ? "pay_other" : null);
            if (action.kind === "succeed" || action.kind === "fail" || action.kind === "cancel" || action.kind === "review") {
              expect(canTransition(action.kind, state.status)).toBe(true);
            }
            const next = applyModel(state, cb, action);
            if (next.status !== state.status && FINAL_STATUSES.includes(next.status)) finals.push(next.status);
            if (state.status === "REVIEW") expect(next.status).toBe("REVIEW");
            state = next;
          }
          expect(finals.length).toBeLessThanOrEqual(1);
          if (state.status === "SUCCEEDED") {
            expect(sequence.some((cb) => cb.outcome === "succeeded" && cb.amount === 100)).toBe(true);
          }
          // A callback repeated right after itself never changes anything.
          const last = sequence.at(-1)!;
          const again = applyModel(state, last, decideCallbackAction(state, last, null));
          expect(again.status).toBe(state.status);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
