import { describe, expect, it } from "vitest";
import { expiredQueryAt, expiredReconcileUntil } from "@/lib/payments/expired-query-schedule";

const defaults = { reconcileAfterSeconds: 60, reconcileMaxIntervalSeconds: 120, expiredReconcileHours: 72 };
const deadline = new Date(Date.UTC(2026, 11, 5, 8, 0, 0));
const at = (seconds: number) => new Date(deadline.getTime() + seconds * 1000);
const seconds = (d: Date | null) => (d === null ? null : (d.getTime() - deadline.getTime()) / 1000);

describe("the post-expiry query schedule", () => {
  it("asks again soon after a query that went unanswered, however long after the deadline", () => {
    expect(seconds(expiredQueryAt(at(0), deadline, false, defaults))).toBe(60);
    expect(seconds(expiredQueryAt(at(12), deadline, false, defaults))).toBe(72);
    expect(seconds(expiredQueryAt(at(50 * 3600), deadline, false, defaults))).toBe(50 * 3600 + 60);
    // Never slower than the pre-expiry maximum, so Daraja's return is noticed within it.
    expect(seconds(expiredQueryAt(at(0), deadline, false, { ...defaults, reconcileAfterSeconds: 600 }))).toBe(120);
  });

  it("backs off with the time since the deadline after answers that are not final, from the maximum interval to six hours", () => {
    expect(seconds(expiredQueryAt(at(0), deadline, true, defaults))).toBe(120);
    expect(seconds(expiredQueryAt(at(480), deadline, true, defaults))).toBe(600);
    expect(seconds(expiredQueryAt(at(4000), deadline, true, defaults))).toBe(5000);
    expect(seconds(expiredQueryAt(at(30 * 3600), deadline, true, defaults))).toBe(36 * 3600);
  });

  it("walks a payment M-Pesa keeps answering 'still processing' through the window in a few dozen queries, the last at its end", () => {
    const times: number[] = [];
    for (let next = expiredQueryAt(at(0), deadline, true, defaults); next; next = expiredQueryAt(next, deadline, true, defaults)) times.push(seconds(next)!);
    expect(times.length).toBeGreaterThan(25);
    expect(times.length).toBeLessThan(45);
    expect(times.at(-1)).toBe(72 * 3600);
    expect(times.every((t, i) => i === 0 || t > times[i - 1]!)).toBe(true);
  });

  it("stops at the end of the window, and never starts when the window is 0 hours", () => {
    expect(expiredReconcileUntil(deadline, defaults)).toEqual(at(72 * 3600));
    expect(expiredQueryAt(at(72 * 3600), deadline, false, defaults)).toBeNull();
    expect(seconds(expiredQueryAt(at(72 * 3600 - 10), deadline, false, defaults))).toBe(72 * 3600);
    expect(expiredQueryAt(at(0), deadline, false, { ...defaults, expiredReconcileHours: 0 })).toBeNull();
  });

  it("counts from the deadline when a payment is expired early by hand", () => {
    expect(seconds(expiredQueryAt(at(-300), deadline, true, defaults))).toBe(-180);
  });
});
