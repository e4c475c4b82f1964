import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { passedSlots, queryRateKey, slotsUntil, slotTime } from "@/lib/rate-limit/query-slots";

describe("query slot maths", () => {
  it("spaces the slots of a second 1/rate apart, starting at the second", () => {
    expect([1, 2, 3, 4, 5].map((k) => slotTime(10_000, k, 5))).toEqual([10_000, 10_200, 10_400, 10_600, 10_800]);
    expect([1, 2, 3].map((k) => slotTime(0, k, 3))).toEqual([0, 334, 667]);
    expect(slotTime(0, 1, 1)).toBe(0);
  });

  it("counts the slots a caller arriving mid-second can no longer use", () => {
    expect(passedSlots(10_000, 10_000, 5)).toBe(0);
    expect(passedSlots(10_001, 10_000, 5)).toBe(1);
    expect(passedSlots(10_200, 10_000, 5)).toBe(1);
    expect(passedSlots(10_201, 10_000, 5)).toBe(2);
    expect(passedSlots(10_999, 10_000, 5)).toBe(5);
    // A second that has not begun has lost nothing.
    expect(passedSlots(9_500, 10_000, 5)).toBe(0);
  });

  it("counts the slots up to a horizon", () => {
    expect(slotsUntil(9_999, 10_000, 5)).toBe(0);
    expect(slotsUntil(10_000, 10_000, 5)).toBe(1);
    expect(slotsUntil(10_199, 10_000, 5)).toBe(1);
    expect(slotsUntil(10_200, 10_000, 5)).toBe(2);
    expect(slotsUntil(12_000, 10_000, 5)).toBe(5);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 0, max: 1500 }), (rate, offset) => {
        const n = slotsUntil(offset, 0, rate);
        if (n > 0) expect(slotTime(0, n, rate)).toBeLessThanOrEqual(offset);
        if (n < rate) expect(slotTime(0, n + 1, rate)).toBeGreaterThan(offset);
      }),
    );
  });

  it("never hands out a slot in the past, and skips none still ahead", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 0, max: 999 }), (rate, offset) => {
        const windowStart = 50_000;
        const now = windowStart + offset;
        const passed = passedSlots(now, windowStart, rate);
        if (passed < rate) expect(slotTime(windowStart, passed + 1, rate)).toBeGreaterThanOrEqual(now);
        // The slot before the first usable one is in the past (or is exactly now, skipped to be safe).
        if (passed > 0) expect(slotTime(windowStart, passed, rate)).toBeLessThanOrEqual(now);
      }),
    );
  });

  it("keeps any one-second window at or under the rate when every slot is used", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 0, max: 2999 }), (rate, from) => {
        const slots = [0, 1000, 2000, 3000].flatMap((w) => Array.from({ length: rate }, (_, i) => slotTime(w, i + 1, rate)));
        expect(slots.filter((t) => t >= from && t < from + 1000).length).toBeLessThanOrEqual(rate);
      }),
    );
  });

  it("shares one counter per shortcode", () => {
    expect(queryRateKey("174379")).toBe("stk_query:174379");
  });
});
