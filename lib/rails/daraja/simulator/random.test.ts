import { describe, expect, it } from "vitest";
import { createRandom } from "./random";

describe("createRandom", () => {
  it("replays the same sequence for the same seed", () => {
    const a = createRandom("seed-1");
    const b = createRandom("seed-1");
    expect(Array.from({ length: 20 }, () => a.next())).toEqual(Array.from({ length: 20 }, () => b.next()));
  });

  it("treats numeric and string seeds alike and differs across seeds", () => {
    expect(createRandom(42).chars("abc", 16)).toBe(createRandom("42").chars("abc", 16));
    expect(createRandom(42).chars("0123456789", 16)).not.toBe(createRandom(43).chars("0123456789", 16));
  });

  it("stays within bounds and covers the range", () => {
    for (const r of [createRandom("bounds"), createRandom(null)]) {
      const seen = new Set<number>();
      for (let i = 0; i < 2000; i++) {
        const n = r.int(10);
        expect(n).toBeGreaterThanOrEqual(0);
        expect(n).toBeLessThan(10);
        seen.add(n);
      }
      expect(seen.size).toBe(10);
    }
  });

  it("is not seeded when no seed is given", () => {
    expect(createRandom(null).chars("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 24)).not.toBe(createRandom(null).chars("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 24));
  });
});
