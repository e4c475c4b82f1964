import { describe, expect, it } from "vitest";
import { median, percentile, quantileBetween, round } from "./stats";

describe("bench statistics", () => {
  it("takes nearest-rank percentiles", () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile(values, 100)).toBe(100);
    expect(percentile([5, 1, 3], 50)).toBe(3);
    expect(median([9, 1, 5, 7])).toBe(5);
    expect(Number.isNaN(percentile([], 50))).toBe(true);
  });
  it("rounds to the requested digits", () => {
    expect(round(1.2345, 2)).toBe(1.23);
  });
  it("interpolates a quantile of what a histogram observed between two scrapes", () => {
    const before = new Map([[0.005, 10], [0.01, 10], [Infinity, 10]]);
    // 100 more: 50 under 5 ms, 40 between 5 and 10 ms, 10 above.
    const after = new Map([[0.005, 60], [0.01, 100], [Infinity, 110]]);
    expect(quantileBetween(before, after, 0.5)).toBeCloseTo(0.005);
    expect(quantileBetween(before, after, 0.7)).toBeCloseTo(0.0075);
    expect(quantileBetween(before, after, 0.99)).toBe(0.01);
    expect(quantileBetween(after, after, 0.5)).toBeNull();
  });
});
