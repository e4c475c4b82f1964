import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { PaymentStatus } from "@/lib/generated/prisma/client";
import { ALL_STATUSES, applyEvent, canTransition, FINAL_STATUSES, PAYMENT_EVENTS, targetOf, TRANSITIONS, webhookTypeFor, webhookTypeForTransition } from "@/lib/payments/state";

describe("the payment transition table", () => {
  it("is exactly the lifecycle the gateway promises", () => {
    const table = Object.fromEntries(PAYMENT_EVENTS.map((e) => [e, { from: [...TRANSITIONS[e].from].sort(), to: [...TRANSITIONS[e].to].sort() }]));
    expect(table).toEqual({
      initiate: { from: [], to: ["INITIATING"] },
      accept: { from: ["INITIATING"], to: ["PENDING"] },
      reject: { from: ["INITIATING"], to: ["FAILED"] },
      succeed: { from: ["EXPIRED", "INITIATING", "PENDING"], to: ["SUCCEEDED"] },
      fail: { from: ["INITIATING", "PENDING"], to: ["FAILED"] },
      cancel: { from: ["INITIATING", "PENDING"], to: ["CANCELLED"] },
      review: { from: ["CANCELLED", "EXPIRED", "FAILED", "INITIATING", "PENDING", "SUCCEEDED"], to: ["REVIEW"] },
      expire: { from: ["INITIATING", "PENDING"], to: ["EXPIRED"] },
      resolve: { from: ["REVIEW"], to: ["FAILED", "SUCCEEDED"] },
      retry: { from: ["CANCELLED", "EXPIRED", "FAILED"], to: ["INITIATING"] },
    });
  });

  it("needs an explicit, allowed target only where there is a choice", () => {
    expect(targetOf("succeed")).toBe("SUCCEEDED");
    expect(() => targetOf("resolve")).toThrow(/explicit target/);
    expect(targetOf("resolve", "FAILED")).toBe("FAILED");
    expect(() => targetOf("resolve", "CANCELLED")).toThrow(/cannot lead to CANCELLED/);
    expect(() => targetOf("fail", "SUCCEEDED")).toThrow();
  });

  it("applies an event only from its allowed states", () => {
    expect(applyEvent("PENDING", "succeed")).toBe("SUCCEEDED");
    expect(applyEvent("EXPIRED", "succeed")).toBe("SUCCEEDED");
    expect(applyEvent("FAILED", "succeed")).toBeNull();
    expect(applyEvent("REVIEW", "review")).toBeNull();
    expect(applyEvent("SUCCEEDED", "fail")).toBeNull();
    expect(canTransition("expire", "SUCCEEDED")).toBe(false);
  });

  it("notifies storefronts of every final state and of REVIEW only", () => {
    expect(ALL_STATUSES.filter((s) => webhookTypeFor(s)).sort()).toEqual([...FINAL_STATUSES, "REVIEW"].sort());
    expect(webhookTypeFor("SUCCEEDED")).toBe("payment.succeeded");
    expect(webhookTypeFor("REVIEW")).toBe("payment.review");
  });

  it("announces a resolved review as payment.updated, every other transition by its new state", () => {
    expect(webhookTypeForTransition("resolve", "SUCCEEDED")).toBe("payment.updated");
    expect(webhookTypeForTransition("resolve", "FAILED")).toBe("payment.updated");
    expect(webhookTypeForTransition("succeed", "SUCCEEDED")).toBe("payment.succeeded");
    expect(webhookTypeForTransition("expire", "EXPIRED")).toBe("payment.expired");
    expect(webhookTypeForTransition("accept", "PENDING")).toBeNull();
    // Sending the prompt again tells the storefront nothing yet: the new attempt's outcome does.
    expect(webhookTypeForTransition("retry", "INITIATING")).toBeNull();
  });

  it("never leaves a final state except for REVIEW, a late success after EXPIRED, a resolution, or a new attempt (property)", () => {
    const step = fc.record({ event: fc.constantFrom(...PAYMENT_EVENTS.filter((e) => e !== "initiate")), to: fc.constantFrom("SUCCEEDED", "FAILED") });
    fc.assert(
      fc.property(fc.constantFrom<PaymentStatus>("INITIATING", "PENDING"), fc.array(step, { maxLength: 30 }), (start, steps) => {
        let status = start;
        const intoFinal: PaymentStatus[] = [];
        for (const { event, to } of steps) {
          const next = applyEvent(status, event, event === "resolve" ? (to as PaymentStatus) : undefined);
          if (next === null) continue;
          expect(TRANSITIONS[event].from).toContain(status);
          if (FINAL_STATUSES.includes(next)) {
            const allowedAgain = (status === "EXPIRED" && next === "SUCCEEDED") || status === "REVIEW";
            if (!allowedAgain) intoFinal.push(next);
          }
          if (status === "REVIEW") expect(event).toBe("resolve");
          // A new attempt opens the payment again: each attempt reaches at most one final state.
          if (event === "retry") intoFinal.length = 0;
          status = next;
        }
        expect(intoFinal.length).toBeLessThanOrEqual(1);
        expect(ALL_STATUSES).toContain(status);
      }),
      { numRuns: 500 },
    );
  });
});
