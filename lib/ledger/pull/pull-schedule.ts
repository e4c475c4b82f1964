import { PULL_MAX_WINDOW_MS } from "@/lib/rails/daraja/pull/query";
import { planPullWindow } from "@/lib/rails/daraja/pull/window";

/**
 * The decisions of the ledger pull that need no database: when an account's next window is due,
 * what it covers, how long a failed window waits before it is asked again, and what of a window
 * Pull can still reach. Pull reaches 48 hours back; a margin keeps a window that is asked a little
 * late from straddling the edge.
 */

export const PULL_REACH_MARGIN_MS = 10 * 60 * 1000;
export const PULL_RETRY_BASE_MS = 60 * 1000;
export const PULL_RETRY_MAX_MS = 30 * 60 * 1000;

export interface Stretch {
  start: Date;
  end: Date;
}

/** The earliest instant Pull can still be asked about at `now`. */
export function pullReachStart(now: Date): Date {
  return new Date(now.getTime() - PULL_MAX_WINDOW_MS + PULL_REACH_MARGIN_MS);
}

/** A new window is due when none was planned yet, or the newest one ended an interval ago. */
export function newWindowDue({ now, newestEnd, intervalMs }: { now: Date; newestEnd: Date | null; intervalMs: number }): boolean {
  return newestEnd === null || now.getTime() - newestEnd.getTime() >= intervalMs;
}

export interface NextWindow {
  window: Stretch;
  /** The stretch between the last planned window and what Pull can still reach: lost to Pull. */
  gap: Stretch | null;
}

/**
 * The next window: from `overlapMs` before the newest planned window's end (so lines M-Pesa lists
 * late are caught), to now. When the worker was away so long that the newest end is beyond Pull's
 * reach, the stretch in between is a gap only a statement can fill.
 */
export function planNextWindow({ now, newestEnd, overlapMs }: { now: Date; newestEnd: Date | null; overlapMs: number }): NextWindow {
  const plan = planPullWindow({ now, pulledUntil: newestEnd, overlapMs, safetyMarginMs: PULL_REACH_MARGIN_MS });
  const gap = newestEnd !== null && newestEnd < plan.start ? { start: newestEnd, end: plan.start } : null;
  return { window: { start: plan.start, end: plan.end }, gap };
}

/** Waits between attempts of one failed window: 1 min, 2, 4 … up to 30 min. */
export function retryDelayMs(attempts: number): number {
  const exponent = Math.max(0, Math.min(attempts - 1, 20));
  return Math.min(PULL_RETRY_BASE_MS * 2 ** exponent, PULL_RETRY_MAX_MS);
}

export type ReachableWindow =
  | { kind: "whole"; window: Stretch }
  /** Its start has fallen out of reach: ask the rest, report the lost part. */
  | { kind: "clipped"; window: Stretch; lost: Stretch }
  | { kind: "unreachable" };

/** What of a window that is asked again Pull can still answer at `now`. */
export function reachableWindow(window: Stretch, now: Date): ReachableWindow {
  const reach = pullReachStart(now);
  if (window.end <= reach) return { kind: "unreachable" };
  if (window.start < reach) return { kind: "clipped", window: { start: reach, end: window.end }, lost: { start: window.start, end: reach } };
  return { kind: "whole", window };
}

/** A window that came back truncated (its page cap reached) is asked again as two halves. */
export function splitWindow(window: Stretch): [Stretch, Stretch] | null {
  const span = window.end.getTime() - window.start.getTime();
  if (span < 2 * 60 * 1000) return null;
  const middle = new Date(window.start.getTime() + Math.floor(span / 2 / 1000) * 1000);
  return [{ start: window.start, end: middle }, { start: middle, end: window.end }];
}
