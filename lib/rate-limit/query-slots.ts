import type { Db } from "@/lib/db/client";

/**
 * The shared STK query rate limit. Daraja's spike arrest (Apigee) enforces a rate by spacing, not by
 * calendar second: "5 per second" refuses a second call within 200 ms of the first. So each query
 * reserves a slot on a grid 1/QUERY_RATE_PER_SECOND apart, shared by every worker and web process
 * through one counter row per shortcode and second in rate_limit_windows: slot k (1-based) of the
 * second starting at W is at W + (k − 1)/rate, and the row's count is the highest slot taken. The
 * caller waits for its slot, then asks. Slots already past are skipped, so an idle second cannot be
 * spent in a burst later, and any window of one second holds at most `rate` slots.
 */

export interface QuerySlotOptions {
  /** Shared by every process asking on behalf of one shortcode: queryRateKey(shortcode). */
  key: string;
  ratePerSecond: number;
  now: Date;
  /** Reserve nothing further ahead than this; null when every slot until then is taken. */
  horizonMs: number;
}

export function queryRateKey(shortcode: string): string {
  return `stk_query:${shortcode}`;
}

/** The instant of slot `index` (1-based) in the second starting at `windowStartMs`. */
export function slotTime(windowStartMs: number, index: number, ratePerSecond: number): number {
  return windowStartMs + Math.ceil(((index - 1) * 1000) / ratePerSecond);
}

/** How many slots of the second starting at `windowStartMs` are at or before `untilMs`. */
export function slotsUntil(untilMs: number, windowStartMs: number, ratePerSecond: number): number {
  if (untilMs < windowStartMs) return 0;
  return Math.min(ratePerSecond, Math.floor(((untilMs - windowStartMs) * ratePerSecond) / 1000) + 1);
}

/** How many slots of the second starting at `windowStartMs` lie before `nowMs` and can no longer be used. */
export function passedSlots(nowMs: number, windowStartMs: number, ratePerSecond: number): number {
  if (nowMs <= windowStartMs) return 0;
  return Math.min(ratePerSecond, Math.ceil(((nowMs - windowStartMs) * ratePerSecond) / 1000));
}

/**
 * Takes the earliest free slot at or after `now` within the horizon: one conditional upsert per
 * second looked at, so concurrent callers never share a slot and a full second is left unchanged.
 */
export async function reserveQuerySlot(db: Db, { key, ratePerSecond, now, horizonMs }: QuerySlotOptions): Promise<Date | null> {
  const nowMs = now.getTime();
  for (let windowStartMs = Math.floor(nowMs / 1000) * 1000; windowStartMs <= nowMs + horizonMs; windowStartMs += 1000) {
    const passed = passedSlots(nowMs, windowStartMs, ratePerSecond);
    // Only slots within the horizon are taken, so none is reserved that nobody will use.
    const usable = slotsUntil(nowMs + horizonMs, windowStartMs, ratePerSecond);
    if (passed >= usable) continue;
    const rows = await db.$queryRaw<{ count: number }[]>`
      INSERT INTO rate_limit_windows (key, window_start, count) VALUES (${key}, ${new Date(windowStartMs)}, ${passed + 1})
      ON CONFLICT (key, window_start) DO UPDATE SET count = GREATEST(rate_limit_windows.count, ${passed}) + 1
        WHERE GREATEST(rate_limit_windows.count, ${passed}) < ${usable}
      RETURNING count`;
    if (rows[0]) return new Date(slotTime(windowStartMs, Number(rows[0].count), ratePerSecond));
  }
  return null;
}

/** Resolves at `at` (at once if it has passed); early, with false, when `signal` aborts. */
export function waitUntil(at: Date, signal?: AbortSignal): Promise<boolean> {
  const ms = at.getTime() - Date.now();
  if (signal?.aborted) return Promise.resolve(false);
  if (ms <= 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve(true);
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
