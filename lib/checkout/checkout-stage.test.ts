import { describe, expect, it } from "vitest";
import { checkoutState, type CheckoutFacts } from "@/lib/checkout/checkout-stage";

const now = new Date("2030-05-01T09:00:00Z");
const open = new Date(now.getTime() + 60_000);
const past = new Date(now.getTime() - 1);
const payment = (status: NonNullable<CheckoutFacts["payment"]>["status"], attempts: NonNullable<CheckoutFacts["payment"]>["attempts"], failureCode: string | null = null) => ({ status, failureCode, attempts });

describe("where a checkout stands", () => {
  it("is open until it expires without a payment", () => {
    expect(checkoutState({ expiresAt: open, payment: null }, now)).toMatchObject({ stage: "open", final: false, canResend: false, returnStatus: null });
    expect(checkoutState({ expiresAt: past, payment: null }, now)).toMatchObject({ stage: "expired", final: true, returnStatus: "expired" });
  });

  it("waits while a prompt is live, and never offers it again then", () => {
    for (const status of ["INITIATING", "PENDING"] as const) {
      expect(checkoutState({ expiresAt: open, payment: payment(status, [{ sequence: 1, status }]) }, now)).toMatchObject({ stage: "waiting", final: false, canResend: false, returnStatus: null });
    }
  });

  it("is paid on a success, whenever it came", () => {
    expect(checkoutState({ expiresAt: past, payment: payment("SUCCEEDED", [{ sequence: 1, status: "SUCCEEDED" }]) }, now)).toMatchObject({ stage: "paid", final: true, returnStatus: "succeeded" });
  });

  it("offers the prompt again after a cancellation or a timeout, while the session is open and every attempt is certainly unpaid", () => {
    const cancelled = payment("CANCELLED", [{ sequence: 1, status: "CANCELLED" }], "cancelled_by_customer");
    expect(checkoutState({ expiresAt: open, payment: cancelled }, now)).toMatchObject({ stage: "unpaid", canResend: true, returnStatus: "cancelled", unpaidReason: "cancelled" });
    const timedOut = payment("FAILED", [{ sequence: 1, status: "FAILED" }], "no_response");
    expect(checkoutState({ expiresAt: open, payment: timedOut }, now)).toMatchObject({ stage: "unpaid", canResend: true, returnStatus: "failed", unpaidReason: "timeout" });
    expect(checkoutState({ expiresAt: open, payment: payment("FAILED", [{ sequence: 1, status: "FAILED" }], "insufficient_funds") }, now).unpaidReason).toBe("failed");
    expect(checkoutState({ expiresAt: past, payment: timedOut }, now).canResend).toBe(false);
    // An earlier attempt whose outcome is unknown may still be paid: no new prompt.
    const unknown = payment("FAILED", [{ sequence: 1, status: "UNKNOWN" }, { sequence: 2, status: "FAILED" }]);
    expect(checkoutState({ expiresAt: open, payment: unknown }, now).canResend).toBe(false);
  });

  it("is unconfirmed, with nothing more to do, when M-Pesa has not said either way", () => {
    for (const status of ["EXPIRED", "REVIEW"] as const) {
      expect(checkoutState({ expiresAt: open, payment: payment(status, [{ sequence: 1, status: "EXPIRED" }]) }, now)).toMatchObject({ stage: "unconfirmed", final: true, canResend: false, returnStatus: "unconfirmed" });
    }
  });
});
