import { z } from "zod";
import {
  dateField, listField, normaliseSearchParams, pageField, pageSizeField, textField, toQueryString, wholeAmountField,
  DEFAULT_PAGE_SIZE, type RawSearchParams,
} from "@/lib/dashboard/search-params";
import { PAYMENT_FLAGS, PAYMENT_SORTS, type PaymentFilter, type PaymentSearch } from "@/lib/payments/payment-filter";
import { ALL_STATUSES } from "@/lib/payments/state";

// A keyset cursor as it travels in the URL; whether it names a row is decided by the query.
const cursorField = z.string().regex(/^[A-Za-z0-9_-]{1,300}$/).optional().catch(undefined);

/** The payments table's state, as held in the URL. Parsed identically by the page and the client table. */


export const paymentSearchSchema: z.ZodType<PaymentSearch, unknown> = z.object({
  q: textField(100),
  status: listField(ALL_STATUSES),
  from: dateField,
  to: dateField,
  storefront: z.string().regex(/^sf_[0-9A-Za-z]{1,64}$/).optional().catch(undefined),
  currency: z.string().regex(/^[A-Z]{3}$/).optional().catch(undefined),
  min: wholeAmountField,
  max: wholeAmountField,
  flags: listField(PAYMENT_FLAGS),
  sort: z.enum(PAYMENT_SORTS).catch("created_at"),
  dir: z.enum(["asc", "desc"]).catch("desc"),
  page: pageField,
  pageSize: pageSizeField,
  after: cursorField,
  before: cursorField,
});


const DEFAULTS = { sort: "created_at", dir: "desc", page: 1, pageSize: DEFAULT_PAGE_SIZE } as const;

export function parsePaymentSearch(input: RawSearchParams | URLSearchParams): PaymentSearch {
  return paymentSearchSchema.parse(normaliseSearchParams(input));
}

/** "?status=FAILED&from=2026-11-01" for a state; defaults are left out, and so is a customer's phone number. */
export function paymentSearchQuery(state: Partial<PaymentSearch>): string {
  const { phone: _phone, ...shareable } = state;
  return toQueryString(shareable, DEFAULTS);
}

/** The same state with other filters: back to page 1, because the old page may not exist any more. */
export function withFilters(state: PaymentSearch, changes: Partial<PaymentFilter>): PaymentSearch {
  return firstPageOf({ ...state, ...changes });
}

/** Page 1 of a state (another order, other filters): no cursor, which belongs to the old order. */
export function firstPageOf(state: PaymentSearch): PaymentSearch {
  return { ...state, page: 1, after: undefined, before: undefined };
}

export function hasActiveFilters(state: PaymentFilter): boolean {
  return Boolean(state.q || state.status.length || state.from || state.to || state.storefront || state.currency || state.min !== undefined || state.max !== undefined || state.flags.length);
}
