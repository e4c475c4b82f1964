const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * How long ago (or until) an instant is, as finance staff say it beside the exact EAT time:
 * "just now", "4 min ago", "3 h ago", "2 days ago", "in 12 min". Elapsed time, not calendar days
 * (the EAT time beside it gives the day). Written by hand, not Intl.RelativeTimeFormat, so every
 * browser shows the same words. `now` is always given: callers own the clock.
 */
export function formatRelativeTime(date: Date, now: Date): string {
  const delta = now.getTime() - date.getTime();
  const past = delta >= 0;
  const ms = Math.abs(delta);
  if (ms < 45 * SECOND) return past ? "just now" : "in a moment";
  const span = describeSpan(ms);
  return past ? `${span} ago` : `in ${span}`;
}

function describeSpan(ms: number): string {
  // Rounded to the nearest unit, and a unit up once the rounding reaches the next one (59.6 min is 1 h).
  const minutes = Math.max(1, Math.round(ms / MINUTE));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.round(ms / HOUR);
  if (hours < 24) return `${hours} h`;
  const days = Math.round(ms / DAY);
  if (days < 30) return plural(days, "day");
  const months = Math.round(ms / (30.44 * DAY));
  if (months < 12) return plural(months, "month");
  return plural(Math.max(1, Math.round(ms / (365.25 * DAY))), "year");
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? "" : "s"}`;
}

/** How often a shown relative time must be redrawn to stay right: every few seconds while it is in minutes. */
export const RELATIVE_TIME_TICK_MS = 15 * SECOND;
