/**
 * East Africa Time for everything a person reads. Kenya has kept UTC+3 without daylight saving since
 * 1942, so a fixed offset is exact; formatting by hand (not Intl) keeps server and browser output
 * byte-identical, which hydration needs.
 */
export const EAT_TIME_ZONE = "Africa/Nairobi";
const EAT_OFFSET_MS = 3 * 3600 * 1000;
const DAY_MS = 24 * 3600 * 1000;

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

function parts(date: Date, offsetMs: number) {
  const d = new Date(date.getTime() + offsetMs);
  return {
    ymd: `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`,
    hms: `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`,
    ms: pad(d.getUTCMilliseconds(), 3),
  };
}

/** "2026-11-29 14:05:09" in EAT, for tables and detail pages. */
export function formatEat(date: Date): string {
  const p = parts(date, EAT_OFFSET_MS);
  return `${p.ymd} ${p.hms}`;
}

/** "2026-11-29 11:05:09 UTC", shown on hover. */
export function formatUtc(date: Date): string {
  const p = parts(date, 0);
  return `${p.ymd} ${p.hms} UTC`;
}

/** ISO 8601 with the EAT offset: "2026-11-29T14:05:09.123+03:00" (CSV). */
export function toEatIso(date: Date): string {
  const p = parts(date, EAT_OFFSET_MS);
  return `${p.ymd}T${p.hms}.${p.ms}+03:00`;
}

/** The EAT calendar date of an instant, "YYYY-MM-DD". */
export function eatDateOf(date: Date): string {
  return parts(date, EAT_OFFSET_MS).ymd;
}

/** The instant an EAT calendar day starts (00:00 EAT = 21:00 UTC the day before). */
export function eatDayStart(ymd: string): Date {
  return new Date(Date.parse(`${ymd}T00:00:00.000Z`) - EAT_OFFSET_MS);
}

/** The EAT calendar date `days` after `ymd` (negative for before). */
export function addEatDays(ymd: string, days: number): string {
  return eatDateOf(new Date(eatDayStart(ymd).getTime() + days * DAY_MS));
}

/** True for a real calendar date written "YYYY-MM-DD" (rejects 2026-02-30). */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const t = Date.parse(`${value}T00:00:00.000Z`);
  return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === value;
}
