import { describe, expect, it } from "vitest";
import { nextAttemptAt, retryDelaySeconds } from "@/lib/webhooks/backoff";

const settings = { backoffBaseSeconds: 30, backoffMaxSeconds: 6 * 3600 };

describe("the webhook retry schedule", () => {
  it("doubles from the base after each failed attempt, up to the cap", () => {
    const noJitter = () => 0;
    const delays = Array.from({ length: 14 }, (_, i) => retryDelaySeconds(i + 1, settings, noJitter));
    expect(delays.slice(0, 6)).toEqual([30, 60, 120, 240, 480, 960]);
    expect(delays.at(-1)).toBe(6 * 3600);
    expect(Math.max(...delays)).toBe(6 * 3600);
    expect(retryDelaySeconds(10_000, settings, noJitter)).toBe(6 * 3600);
  });

  it("shortens each delay by at most a quarter at random, so gaps still grow until the cap", () => {
    expect(retryDelaySeconds(1, settings, () => 0.999999)).toBeCloseTo(22.5, 3);
    for (let n = 1; n < 9; n += 1) {
      const longestNow = retryDelaySeconds(n, settings, () => 0);
      const shortestNext = retryDelaySeconds(n + 1, settings, () => 0.999999);
      expect(shortestNext).toBeGreaterThan(longestNow);
    }
  });

  it("schedules the next attempt from now, and gives up when it would fall past the series' horizon", () => {
    const seriesStartedAt = new Date("2026-12-01T00:00:00Z");
    const maxAgeSeconds = 3 * 24 * 3600;
    const early = nextAttemptAt({ seriesAttempt: 1, seriesStartedAt, maxAgeSeconds, now: seriesStartedAt, settings, random: () => 0 });
    expect(early?.toISOString()).toBe("2026-12-01T00:00:30.000Z");
    const late = new Date(seriesStartedAt.getTime() + (maxAgeSeconds - 3600) * 1000);
    expect(nextAttemptAt({ seriesAttempt: 20, seriesStartedAt, maxAgeSeconds, now: late, settings, random: () => 0 })).toBeNull();
    const lastChance = new Date(seriesStartedAt.getTime() + (maxAgeSeconds - 6 * 3600) * 1000);
    expect(nextAttemptAt({ seriesAttempt: 20, seriesStartedAt, maxAgeSeconds, now: lastChance, settings, random: () => 0 })).not.toBeNull();
  });

  it("fits a few dozen attempts into three days with the defaults", () => {
    const maxAgeSeconds = 3 * 24 * 3600;
    let now = 0;
    let attempts = 1;
    for (;;) {
      const next = nextAttemptAt({ seriesAttempt: attempts, seriesStartedAt: new Date(0), maxAgeSeconds, now: new Date(now), settings, random: () => 0 });
      if (!next) break;
      now = next.getTime();
      attempts += 1;
    }
    expect(attempts).toBeGreaterThanOrEqual(15);
    expect(attempts).toBeLessThanOrEqual(30);
    expect(now).toBeGreaterThan((maxAgeSeconds - 6 * 3600) * 1000);
  });
});
