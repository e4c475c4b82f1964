import { describe, expect, it } from "vitest";
import { firstQueryAt, isLastQuery, nextQueryAt, queryBackoffSeconds } from "@/lib/payments/query-schedule";

const defaults = { reconcileAfterSeconds: 60, reconcileMaxIntervalSeconds: 120 };
const at = (seconds: number) => new Date(Date.UTC(2026, 11, 4, 8, 0, 0) + seconds * 1000);

describe("the status query schedule", () => {
  it("asks first RECONCILE_AFTER_SECONDS after acceptance, never after the deadline", () => {
    expect(firstQueryAt(at(0), at(900), defaults)).toEqual(at(60));
    expect(firstQueryAt(at(0), at(30), defaults)).toEqual(at(30));
  });

  it("doubles the wait from the same base, capped by RECONCILE_MAX_INTERVAL_SECONDS", () => {
    expect([1, 2, 3, 4, 10].map((n) => queryBackoffSeconds(n, defaults))).toEqual([60, 120, 120, 120, 120]);
    const fast = { reconcileAfterSeconds: 5, reconcileMaxIntervalSeconds: 60 };
    expect([1, 2, 3, 4, 5, 6, 50].map((n) => queryBackoffSeconds(n, fast))).toEqual([5, 10, 20, 40, 60, 60, 60]);
    // A cap below the base wins.
    expect(queryBackoffSeconds(1, { reconcileAfterSeconds: 60, reconcileMaxIntervalSeconds: 30 })).toBe(30);
  });

  it("walks a payment that never answers from acceptance to exactly one query at its deadline", () => {
    const expiresAt = at(900);
    const times: Date[] = [firstQueryAt(at(0), expiresAt, defaults)];
    for (let n = 1; ; n++) {
      const next = nextQueryAt(times.at(-1)!, n, expiresAt, defaults);
      if (!next) break;
      times.push(next);
    }
    expect(times.map((t) => (t.getTime() - at(0).getTime()) / 1000)).toEqual([60, 120, 240, 360, 480, 600, 720, 840, 900]);
    expect(times.filter((t) => isLastQuery(t, expiresAt))).toEqual([expiresAt]);
  });

  it("ends the schedule with a query made at or after the deadline, however late", () => {
    expect(nextQueryAt(at(900), 3, at(900), defaults)).toBeNull();
    expect(nextQueryAt(at(5000), 3, at(900), defaults)).toBeNull();
    expect(nextQueryAt(at(899), 3, at(900), defaults)).toEqual(at(900));
    expect(isLastQuery(at(899.999), at(900))).toBe(false);
  });
});
