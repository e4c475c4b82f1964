import { describe, expect, it } from "vitest";
import { targetSummary } from "./report";
import { verdict } from "./targets";

describe("bench verdicts", () => {
  it("judges a ceiling and a floor against the issue's targets, and an incomplete run as missed", () => {
    expect(verdict("sweepSeconds", 4.9)).toEqual({ target: "≤ 5 s", met: true });
    expect(verdict("sweepSeconds", 5.1)).toEqual({ target: "≤ 5 s", met: false });
    expect(verdict("ingestRatio", 0.7)).toEqual({ target: "≥ 0.7×", met: true });
    expect(verdict("csvRowsPerSecond", 149_999)).toEqual({ target: "≥ 150,000 rows/s", met: false });
    expect(verdict("finalP95", 100, false).met).toBe(false);
    expect(verdict("ackErrors", Number.NaN).met).toBe(false);
  });

  it("summarises how many targets were met and names each missed one with its figure", () => {
    const figures = [
      { scenario: "Expiry sweep", metric: "100,000 overdue payments expired", value: 12.34, unit: "s", ...verdict("sweepSeconds", 12.34) },
      { scenario: "Callback ingest", metric: "ack p99", value: 9, unit: "ms", ...verdict("ackP99", 9) },
      { scenario: "Expiry sweep", metric: "longest batch", value: 300, unit: "ms" },
    ];
    expect(targetSummary({ figures })).toBe("Targets met: 1 of 2. Missed: Expiry sweep / 100,000 overdue payments expired 12.34 s (target ≤ 5 s).");
    expect(targetSummary({ figures: figures.slice(1) })).toBe("Targets met: 1 of 1. Every target with a figure was met.");
  });
});
