import { z } from "zod";
import { isCalendarDate } from "@/lib/time/eat";

/**
 * Building blocks for URL-held table state. Every field parses with `.catch()`: a hand-edited or
 * stale link degrades to the default for that field instead of an error page. Shared by server pages
 * (which query with the result) and client tables (which write the URL), so no server imports here.
 */

export type RawSearchParams = Record<string, string | string[] | undefined>;

/**
 * Next's searchParams object or a URLSearchParams, as one string per key. Repeated keys (checkboxes
 * of a plain GET form) are joined with commas, which list fields split again; empty values (blank
 * inputs of that form) are dropped so they mean "no filter".
 */
export function normaliseSearchParams(input: RawSearchParams | URLSearchParams): Record<string, string | undefined> {
  const entries: [string, string[]][] = input instanceof URLSearchParams
    ? [...new Set(input.keys())].map((key) => [key, input.getAll(key)])
    : Object.entries(input).map(([key, value]) => [key, value === undefined ? [] : Array.isArray(value) ? value : [value]]);
  const out: Record<string, string | undefined> = {};
  for (const [key, values] of entries) {
    const kept = values.filter((v) => v !== "");
    if (kept.length) out[key] = kept.join(",");
  }
  return out;
}

export const PAGE_SIZES = [10, 25, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 25;

export const pageField = z.coerce.number().int().min(1).max(1_000_000).catch(1);
export const pageSizeField = z.coerce
  .number()
  .int()
  .refine((n) => (PAGE_SIZES as readonly number[]).includes(n))
  .catch(DEFAULT_PAGE_SIZE);

export const textField = (max: number) => z.string().trim().max(max).catch("");

/** "a,b" → ["a", "b"], keeping only known values, in their canonical order, without repeats. */
export function listField<T extends string>(values: readonly T[]) {
  return z
    .string()
    .transform((raw) => {
      const wanted = new Set(raw.split(",").map((s) => s.trim()));
      return values.filter((v) => wanted.has(v));
    })
    .catch([] as T[]);
}

export const dateField = z.string().refine(isCalendarDate).optional().catch(undefined);
export const wholeAmountField = z.coerce.number().int().min(0).max(1_000_000_000).optional().catch(undefined);

/** Writes state to a query string, leaving out values equal to their default (shorter, shareable links). */
export function toQueryString(values: Record<string, string | number | readonly string[] | undefined>, defaults: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined || value === "") continue;
    const text = Array.isArray(value) ? value.join(",") : String(value);
    if (text === "" || text === String(defaults[key] ?? "")) continue;
    params.set(key, text);
  }
  const qs = params.toString();
  return qs ? `?${qs}` : "";
}
