import { describe, expect, it } from "vitest";
import type { AttemptStatus } from "@/lib/generated/prisma/client";
import { ATTEMPT_STATUSES, attemptBlockingRetry, attemptStatusAfter } from "@/lib/payments/attempt-state";
import { retryRefusal } from "@/lib/payments/retry-payment";
import { availableActions } from "@/lib/payments/available-actions";
import { ALL_STATUSES, canTransition } from "@/lib/payments/state";

const attempts = (...statuses: AttemptStatus[]) => statuses.map((status, i) => ({ sequence: i + 1, status }));

describe("an attempt's status", () => {
  it("takes the rail's final word once; a success always wins, a failure never overwrites a final word", () => {
    expect(attemptStatusAfter("PENDING", "succeeded")).toBe("SUCCEEDED");
    expect(attemptStatusAfter("FAILED", "succeeded")).toBe("SUCCEEDED");
    expect(attemptStatusAfter("EXPIRED", "succeeded")).toBe("SUCCEEDED");
    expect(attemptStatusAfter("SUCCEEDED", "succeeded")).toBeNull();
    expect(attemptStatusAfter("PENDING", "cancelled")).toBe("CANCELLED");
    expect(attemptStatusAfter("UNKNOWN", "failed")).toBe("FAILED");
    // An expired attempt confirmed unpaid after its deadline.
    expect(attemptStatusAfter("EXPIRED", "failed")).toBe("FAILED");
    for (const final of ["SUCCEEDED", "FAILED", "CANCELLED"] as const) {
      expect(attemptStatusAfter(final, "failed")).toBeNull();
      expect(attemptStatusAfter(final, "cancelled")).toBeNull();
      expect(attemptStatusAfter(final, "unknown")).toBeNull();
    }
  });

  it("keeps a still-processing answer from changing anything, and an unrecognised code makes a live attempt unknown", () => {
    for (const status of ATTEMPT_STATUSES) expect(attemptStatusAfter(status, "pending")).toBeNull();
    expect(attemptStatusAfter("PENDING", "unknown")).toBe("UNKNOWN");
    expect(attemptStatusAfter("INITIATING", "unknown")).toBe("UNKNOWN");
    expect(attemptStatusAfter("EXPIRED", "unknown")).toBeNull();
  });
});

describe("sending the prompt again", () => {
  it("is allowed only when every attempt ended unpaid for certain", () => {
    expect(attemptBlockingRetry(attempts("FAILED"))).toBeNull();
    expect(attemptBlockingRetry(attempts("CANCELLED", "FAILED"))).toBeNull();
    expect(attemptBlockingRetry(attempts("FAILED", "PENDING"))).toMatchObject({ sequence: 2, reason: "attempt 2 is still waiting for the customer" });
    expect(attemptBlockingRetry(attempts("UNKNOWN"))).toMatchObject({ sequence: 1, reason: expect.stringMatching(/outcome of attempt 1 is unknown/) });
    expect(attemptBlockingRetry(attempts("EXPIRED"))).toMatchObject({ reason: expect.stringMatching(/expired before M-Pesa confirmed/) });
    expect(attemptBlockingRetry(attempts("SUCCEEDED", "FAILED"))).toMatchObject({ sequence: 1, reason: "attempt 1 was paid" });
  });

  it("asks the state table for the payment's status, then the attempts", () => {
    for (const status of ALL_STATUSES) {
      const refusal = retryRefusal({ status }, attempts("CANCELLED"));
      expect(refusal === null).toBe(canTransition("retry", status));
    }
    expect(retryRefusal({ status: "PENDING" }, attempts("PENDING"))).toMatch(/the payment is PENDING; only FAILED, CANCELLED, EXPIRED payments/);
    expect(retryRefusal({ status: "EXPIRED" }, attempts("EXPIRED"))).toMatch(/attempt 1 expired before M-Pesa confirmed/);
    expect(retryRefusal({ status: "EXPIRED" }, attempts("FAILED"))).toBeNull();
    expect(retryRefusal({ status: "FAILED" }, [])).toBe("the payment has no attempt on record");
  });

  it("is shown by the dashboard on exactly the same answer", () => {
    for (const status of ALL_STATUSES) {
      for (const set of [attempts("FAILED"), attempts("FAILED", "UNKNOWN"), attempts("EXPIRED"), attempts("CANCELLED", "CANCELLED"), []]) {
        expect(availableActions({ status, checkoutRequestId: null }, set).retry).toBe(retryRefusal({ status }, set) === null);
      }
    }
  });
});
