import { describe, expect, it } from "vitest";
import { PULL_REACH_MARGIN_MS, newWindowDue, planNextWindow, pullReachStart, reachableWindow, retryDelayMs, splitWindow } from "./pull-schedule";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const NOW = new Date("2026-10-03T07:00:00Z");
const at = (msBeforeNow: number) => new Date(NOW.getTime() - msBeforeNow);

describe("newWindowDue", () => {
  it("is due for an account never pulled, and once the newest window ended an interval ago", () => {
    expect(newWindowDue({ now: NOW, newestEnd: null, intervalMs: 15 * MINUTE })).toBe(true);
    expect(newWindowDue({ now: NOW, newestEnd: at(14 * MINUTE), intervalMs: 15 * MINUTE })).toBe(false);
    expect(newWindowDue({ now: NOW, newestEnd: at(15 * MINUTE), intervalMs: 15 * MINUTE })).toBe(true);
  });
});

describe("planNextWindow", () => {
  it("overlaps the newest window by the overlap and ends now", () => {
    const next = planNextWindow({ now: NOW, newestEnd: at(15 * MINUTE), overlapMs: HOUR });
    expect(next).toEqual({ window: { start: at(75 * MINUTE), end: NOW }, gap: null });
  });

  it("looks back two hours the first time", () => {
    expect(planNextWindow({ now: NOW, newestEnd: null, overlapMs: HOUR }).window.start).toEqual(at(2 * HOUR));
  });

  it("reports the stretch Pull can no longer reach after a long outage, and asks only what it can", () => {
    const next = planNextWindow({ now: NOW, newestEnd: at(60 * HOUR), overlapMs: HOUR });
    expect(next.window.start).toEqual(pullReachStart(NOW));
    expect(next.gap).toEqual({ start: at(60 * HOUR), end: pullReachStart(NOW) });
  });

  it("has no gap when only the overlap would reach beyond Pull", () => {
    const newestEnd = new Date(pullReachStart(NOW).getTime() + 5 * MINUTE);
    expect(planNextWindow({ now: NOW, newestEnd, overlapMs: HOUR }).gap).toBeNull();
  });
});

describe("retryDelayMs", () => {
  it("doubles from a minute and stops at thirty", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 50].map((n) => retryDelayMs(n) / MINUTE)).toEqual([1, 2, 4, 8, 16, 30, 30, 30]);
    expect(retryDelayMs(0)).toBe(MINUTE);
  });
});

describe("reachableWindow", () => {
  it("asks a recent window whole", () => {
    const window = { start: at(3 * HOUR), end: at(HOUR) };
    expect(reachableWindow(window, NOW)).toEqual({ kind: "whole", window });
  });

  it("clips a window whose start fell out of reach and names the lost part", () => {
    const reach = pullReachStart(NOW);
    expect(reach).toEqual(at(48 * HOUR - PULL_REACH_MARGIN_MS));
    const window = { start: at(49 * HOUR), end: at(46 * HOUR) };
    expect(reachableWindow(window, NOW)).toEqual({ kind: "clipped", window: { start: reach, end: window.end }, lost: { start: window.start, end: reach } });
  });

  it("gives up a window wholly out of reach", () => {
    expect(reachableWindow({ start: at(50 * HOUR), end: at(48 * HOUR) }, NOW)).toEqual({ kind: "unreachable" });
  });
});

describe("splitWindow", () => {
  it("halves a window on a whole second, and not one under two minutes", () => {
    const [first, second] = splitWindow({ start: at(2 * HOUR), end: NOW })!;
    expect(first).toEqual({ start: at(2 * HOUR), end: at(HOUR) });
    expect(second).toEqual({ start: at(HOUR), end: NOW });
    expect(splitWindow({ start: at(MINUTE), end: NOW })).toBeNull();
  });
});
