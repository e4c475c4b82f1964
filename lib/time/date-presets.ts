import { addEatDays, eatDateOf } from "@/lib/time/eat";

/**
 * The date ranges finance staff pick most, as EAT calendar days ("YYYY-MM-DD", `to` inclusive)
 * that the payments filter already understands. Weeks start on Monday, as Kenyan offices count
 * them. `now` is always given: the page passes the request's time, tests pass a fixed one.
 */
export const DATE_PRESETS = ["today", "yesterday", "this_week", "this_month"] as const;
export type DatePreset = (typeof DATE_PRESETS)[number];

export const DATE_PRESET_LABELS: Record<DatePreset, string> = {
  today: "Today",
  yesterday: "Yesterday",
  this_week: "This week",
  this_month: "This month",
};

export interface EatDateRange {
  from: string;
  to: string;
}

export function datePresetRange(preset: DatePreset, now: Date): EatDateRange {
  const today = eatDateOf(now);
  switch (preset) {
    case "today":
      return { from: today, to: today };
    case "yesterday": {
      const yesterday = addEatDays(today, -1);
      return { from: yesterday, to: yesterday };
    }
    case "this_week":
      return { from: addEatDays(today, -daysSinceMonday(today)), to: today };
    case "this_month":
      return { from: `${today.slice(0, 8)}01`, to: today };
  }
}

/** The preset whose range is exactly from–to at `now`, if any (the one to show as chosen). */
export function presetOfRange(range: { from?: string; to?: string }, now: Date): DatePreset | null {
  if (!range.from || !range.to) return null;
  // "Today" and "this week" coincide on Mondays, as "today" and "this month" do on the 1st: the narrowest wins.
  return DATE_PRESETS.find((p) => {
    const r = datePresetRange(p, now);
    return r.from === range.from && r.to === range.to;
  }) ?? null;
}

export function isDatePreset(value: unknown): value is DatePreset {
  return typeof value === "string" && (DATE_PRESETS as readonly string[]).includes(value);
}

function daysSinceMonday(ymd: string): number {
  // The weekday of a calendar date does not depend on the time zone: read it at UTC noon.
  const weekday = new Date(`${ymd}T12:00:00.000Z`).getUTCDay();
  return (weekday + 6) % 7;
}
