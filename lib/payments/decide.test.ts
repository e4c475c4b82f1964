import { describe, expect, it } from "vitest";
import type { PaymentStatus } from "@/lib/generated/prisma/client";
import { decide, decideDeadline, WINDOW_MATCH_REASON, type PaymentFacts } from "@/lib/payments/decide";
import type { Observation } from "@/lib/payments/observation";
import { ALL_STATUSES, canTransition } from "@/lib/payments/state";

const payment = (status: PaymentStatus, extra: Partial<PaymentFacts> = {}): PaymentFacts => ({ status, amount: 100, phone: "254708374149", mpesaReceipt: null, resultCode: null, ...extra });
const observed = (extra: Partial<Observation>): Observation => ({ result: "succeeded", resultCode: "0", resultDescription: "", source: "callback", evidence: {}, amount: 100, receipt: "UKT1AAAAAA", ...extra });
const admin = (result: Observation["result"]): Observation => ({ result, resultCode: "", resultDescription: "checked the statement", source: "admin", evidence: {} });

describe("decide: the deadline", () => {
  it("expires exactly the payments the state table lets expire, and leaves the others be", () => {
    for (const status of ALL_STATUSES) {
      expect(decideDeadline(status).kind).toBe(canTransition("expire", status) ? "expire" : "stale");
      expect(decide(payment(status), { kind: "deadline" })).toEqual(decideDeadline(status));
    }
  });
});

describe("decide: an admin's resolution", () => {
  it("settles a payment in REVIEW as the admin found it", () => {
    expect(decide(payment("REVIEW"), admin("succeeded"))).toEqual({ kind: "resolve", to: "SUCCEEDED" });
    expect(decide(payment("REVIEW"), admin("failed"))).toEqual({ kind: "resolve", to: "FAILED" });
  });

  it("refuses any other payment, and any outcome but succeeded or failed", () => {
    expect(decide(payment("PENDING"), admin("succeeded"))).toMatchObject({ kind: "refuse", reason: expect.stringMatching(/only payments in REVIEW/) });
    expect(decide(payment("SUCCEEDED"), admin("failed"))).toMatchObject({ kind: "refuse" });
    expect(decide(payment("REVIEW"), admin("cancelled"))).toMatchObject({ kind: "refuse", reason: "The outcome must be SUCCEEDED or FAILED" });
  });
});

describe("decide: what an observation reports", () => {
  it("never settles a payment matched by phone, amount and time alone", () => {
    expect(decide(payment("INITIATING"), observed({ matchedByWindow: true }))).toEqual({ kind: "review", reason: WINDOW_MATCH_REASON });
    const clash = decide(payment("INITIATING"), observed({ matchedByWindow: true, amount: 90 }));
    expect(clash).toMatchObject({ kind: "review", reason: expect.stringContaining(`${WINDOW_MATCH_REASON}; M-Pesa reported KES 90`) });
  });

  it("checks the amount of what describes the money (callback, C2B, ledger), not of a query's answer", () => {
    for (const source of ["callback", "c2b", "ledger"] as const) {
      expect(decide(payment("PENDING"), observed({ source, amount: 99 }))).toMatchObject({ kind: "review" });
    }
    expect(decide(payment("PENDING"), observed({ source: "query", amount: undefined, receipt: undefined }))).toEqual({ kind: "succeed", late: false });
  });

  it("sends a success in another currency to REVIEW", () => {
    expect(decide(payment("PENDING", { currency: "KES" }), observed({ currency: "TZS" }))).toEqual({ kind: "review", reason: "M-Pesa reported the payment in TZS, not in KES" });
    expect(decide(payment("PENDING", { currency: "KES" }), observed({ currency: "KES" }))).toEqual({ kind: "succeed", late: false });
  });

  it("waits on an answer that is not final", () => {
    expect(decide(payment("PENDING"), observed({ result: "pending" }))).toEqual({ kind: "wait" });
  });
});
