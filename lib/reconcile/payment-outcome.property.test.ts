import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { PaymentStatus } from "@/lib/generated/prisma/client";
import { AMOUNT, applyOp, historyProblems, initialState, opSequenceArb, type PaymentOp } from "@/lib/testing/payment-model";

/**
 * Property, on the pure rules: any interleaving of callbacks (any result code and amount, repeated,
 * in any order), status query answers and expiry leaves a payment in a state the transition table
 * allows, with at most one transition into a final state apart from REVIEW and the late success
 * that overrides an expiry. The same sequences run on PostgreSQL in payment-outcome.property.int.test.ts.
 */
describe("any interleaving of callbacks, query answers and expiry for one payment (property, pure rules)", () => {
  it("only makes transitions the table allows, into at most one final state besides REVIEW and a late success", () => {
    fc.assert(
      fc.property(fc.constantFrom<PaymentStatus>("PENDING", "INITIATING"), opSequenceArb, (start, ops) => {
        const end = ops.reduce((state, op) => applyOp(state, op), initialState(start));
        expect(historyProblems(end.transitions)).toEqual([]);
        expect(end.transitions.at(-1)?.to ?? start).toBe(end.facts.status);
        const paidBy = (op: PaymentOp) => (op.kind === "callback" && op.code === "0" && op.amount === AMOUNT) || (op.kind === "query" && op.code === "0");
        if (end.facts.status === "SUCCEEDED") expect(ops.some(paidBy)).toBe(true);
        // Only a success after the deadline leaves EXPIRED: flagged late, or for review when it contradicts.
        const fromExpired = end.transitions.filter((t) => t.from === "EXPIRED");
        expect(fromExpired.length).toBeLessThanOrEqual(1);
        if (fromExpired[0]) expect(["SUCCEEDED", "REVIEW"]).toContain(fromExpired[0].to);
        // Nothing without a success or a deadline settles a payment that saw no final answer.
        if (ops.every((op) => op.kind === "pending")) expect(end.facts.status).toBe(start);
        // Replaying the whole sequence once more changes nothing but duplicates.
        const again = ops.reduce((state, op) => applyOp(state, op), end);
        expect(again.transitions.length - end.transitions.length).toBeLessThanOrEqual(1);
        expect(historyProblems(again.transitions)).toEqual([]);
      }),
      { numRuns: 2000 },
    );
    // 2,000 sequences are CPU work: a busy machine must not turn them into a failure.
  }, 30_000);

  it("settles by the first final answer, whichever channel brings it", () => {
    fc.assert(
      fc.property(fc.constantFrom("0", "1032", "1037"), fc.constantFrom<"callback" | "query">("callback", "query"), opSequenceArb, (code, channel, rest) => {
        const first: PaymentOp = channel === "callback" ? { kind: "callback", code, amount: AMOUNT, receipt: "A" } : { kind: "query", code };
        const end = [first, ...rest].reduce((state, op) => applyOp(state, op), initialState("PENDING"));
        const settledAs = { "0": "SUCCEEDED", "1032": "CANCELLED", "1037": "FAILED" }[code]!;
        expect(end.transitions[0]).toMatchObject({ from: "PENDING", to: settledAs });
        // Afterwards only a contradiction (REVIEW) can move it; an expiry never does.
        expect(end.transitions.slice(1).every((t) => t.to === "REVIEW")).toBe(true);
      }),
      { numRuns: 1000 },
    );
  }, 30_000);
});
