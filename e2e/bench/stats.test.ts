import { describe, expect, it } from "vitest";
import { median, percentile, round } from "./stats";

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
});
