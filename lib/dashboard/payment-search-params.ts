import { z } from "zod";
import {
  dateField, listField, normaliseSearchParams, pageField, pageSizeField, textField, toQueryString, wholeAmountField,
  DEFAULT_PAGE_SIZE, type RawSearchParams,
} from "@/lib/dashboard/search-params";

/** The payments table's state, as held in the URL. Parsed identically by the page and the client table. */

export const PAYMENT_STATUSES = ["INITIATING", "PENDING", "SUCCEEDED", "FAILED", "CANCELLED", "EXPIRED", "REVIEW"] as const;
export type PaymentStatusValue = (typeof PAYMENT_STATUSES)[number];

export const PAYMENT_FLAGS = ["late", "review", "receipt_missing", "outcome_unknown"] as const;
export type PaymentFlag = (typeof PAYMENT_FLAGS)[number];

/** Sortable columns: each has an index leading with it (or with the mode filter) in the database. */
export const PAYMENT_SORTS = ["created_at", "amount", "status"] as const;
export type PaymentSort = (typeof PAYMENT_SORTS)[number];

export const paymentSearchSchema = z.object({
  q: textField(100),
  status: listField(PAYMENT_STATUSES),
  from: dateField,
  to: dateField,
  storefront: z.string().regex(/^sf_[0-9A-Za-z]{1,64}$/).optional().catch(undefined),
  min: wholeAmountField,
  max: wholeAmountField,
  flags: listField(PAYMENT_FLAGS),
  sort: z.enum(PAYMENT_SORTS).catch("created_at"),
  dir: z.enum(["asc", "desc"]).catch("desc"),
  page: pageField,
  pageSize: pageSizeField,
});

export type PaymentSearch = z.infer<typeof paymentSearchSchema>;
/** The part of the state that chooses rows (what a CSV export covers), without order and paging. */
export type PaymentFilter = Omit<PaymentSearch, "sort" | "dir" | "page" | "pageSize">;

const DEFAULTS = { sort: "created_at", dir: "desc", page: 1, pageSize: DEFAULT_PAGE_SIZE } as const;

export function parsePaymentSearch(input: RawSearchParams | URLSearchParams): PaymentSearch {
  return paymentSearchSchema.parse(normaliseSearchParams(input));
}

/** "?status=FAILED&from=2026-11-01" for a state; defaults are left out. */
export function paymentSearchQuery(state: Partial<PaymentSearch>): string {
  return toQueryString({ ...state }, DEFAULTS);
}

/** The same state with other filters: back to page 1, because the old page may not exist any more. */
export function withFilters(state: PaymentSearch, changes: Partial<PaymentFilter>): PaymentSearch {
  return { ...state, ...changes, page: 1 };
}

export function hasActiveFilters(state: PaymentFilter): boolean {
  return Boolean(state.q || state.status.length || state.from || state.to || state.storefront || state.min !== undefined || state.max !== undefined || state.flags.length);
}

export function filterOf(state: PaymentSearch): PaymentFilter {
  const { sort: _s, dir: _d, page: _p, pageSize: _ps, ...filter } = state;
  return filter;
}
