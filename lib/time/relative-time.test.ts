import { describe, expect, it } from "vitest";
import { formatRelativeTime } from "@/lib/time/relative-time";

const now = new Date("2026-12-12T09:00:00.000Z");
const ago = (ms: number) => formatRelativeTime(new Date(now.getTime() - ms), now);
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

describe("formatRelativeTime", () => {
  it("says just now for the last 45 seconds, and in a moment for the next 45", () => {
    expect(ago(0)).toBe("just now");
    expect(ago(44_999)).toBe("just now");
    expect(ago(-30_000)).toBe("in a moment");
  });

  it("counts minutes, then hours, then days, months and years", () => {
    expect(ago(45_000)).toBe("1 min ago");
    expect(ago(4 * MIN + 20_000)).toBe("4 min ago");
    expect(ago(59 * MIN)).toBe("59 min ago");
    expect(ago(60 * MIN)).toBe("1 h ago");
    expect(ago(3 * HOUR + 10 * MIN)).toBe("3 h ago");
    expect(ago(23 * HOUR + 20 * MIN)).toBe("23 h ago");
    expect(ago(DAY)).toBe("1 day ago");
    expect(ago(2 * DAY + 3 * HOUR)).toBe("2 days ago");
    expect(ago(45 * DAY)).toBe("1 month ago");
    expect(ago(200 * DAY)).toBe("7 months ago");
    expect(ago(800 * DAY)).toBe("2 years ago");
  });

  it("rounds up into the next unit rather than saying 60 min or 24 h", () => {
    expect(ago(59 * MIN + 40_000)).toBe("1 h ago");
    expect(ago(23 * HOUR + 40 * MIN)).toBe("1 day ago");
  });

  it("speaks of the future for deadlines (a payment's expiry)", () => {
    expect(ago(-12 * MIN)).toBe("in 12 min");
    expect(ago(-2 * HOUR)).toBe("in 2 h");
  });

  it("depends only on the two instants given", () => {
    const created = new Date("2020-01-01T00:00:00Z");
    expect(formatRelativeTime(created, new Date(created.getTime() + 5 * MIN))).toBe("5 min ago");
  });
});
