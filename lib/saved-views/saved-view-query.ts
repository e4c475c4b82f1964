import { parsePaymentSearch, paymentSearchQuery } from "@/lib/dashboard/payment-search-params";
import { datePresetRange, isDatePreset, presetOfRange, type DatePreset } from "@/lib/time/date-presets";

/**
 * What a saved view keeps of the payments table's state: the filters, the order and the page size
 * (never the page, which would not exist for long), written the one canonical way, so a view saved
 * twice is the same text and a hand-made query cannot store anything the table would not accept.
 * With relative dates, a range that is a preset at save time ("this week") is kept as that preset
 * and worked out again whenever the view is opened; otherwise the dates are kept as they are.
 */
export function canonicalViewQuery(rawQuery: string, { relativeDates, now }: { relativeDates: boolean; now: Date }): { query: string; datePreset: DatePreset | null } {
  const search = parsePaymentSearch(new URLSearchParams(rawQuery.replace(/^\?/, "")));
  const preset = relativeDates ? presetOfRange(search, now) : null;
  const kept = { ...search, page: 1, ...(preset ? { from: undefined, to: undefined } : {}) };
  return { query: paymentSearchQuery(kept).replace(/^\?/, ""), datePreset: preset };
}

/** Where a saved view opens at `now`: its filters, with a preset's dates as they are on that day. */
export function savedViewHref(view: { query: string; datePreset: string | null }, now: Date): string {
  const search = parsePaymentSearch(new URLSearchParams(view.query));
  const dates = isDatePreset(view.datePreset) ? datePresetRange(view.datePreset, now) : {};
  return `/payments${paymentSearchQuery({ ...search, ...dates, page: 1 })}`;
}
