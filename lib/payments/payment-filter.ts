import type { PaymentStatus } from "@/lib/generated/prisma/client";

/**
 * What the payments table (and its CSV export) can ask for: the filter that chooses rows, and the
 * order and page. The dashboard reads it from the URL (lib/dashboard/payment-search-params.ts);
 * find-payments.ts and stream-payments-csv.ts turn it into SQL (payment-filter-sql.ts).
 */

export const PAYMENT_FLAGS = ["late", "review", "receipt_missing", "outcome_unknown", "ledger_missing", "refunded", "fully_refunded"] as const;
export type PaymentFlag = (typeof PAYMENT_FLAGS)[number];

/**
 * Sortable columns, each with an index on (mode, column…) in the database. Ties are broken by the
 * creation time (status) and finally by id, so every order is total and keyset pages are exact.
 */
export const PAYMENT_SORTS = ["created_at", "amount", "status"] as const;
export type PaymentSort = (typeof PAYMENT_SORTS)[number];

export interface PaymentFilter {
  /** What was typed in the search box (parse-search-term.ts reads it). */
  q: string;
  status: PaymentStatus[];
  /** EAT calendar days, "YYYY-MM-DD"; `to` includes its whole day. */
  from?: string;
  to?: string;
  storefront?: string;
  /** ISO 4217 code: amount bounds only make sense within one currency. */
  currency?: string;
  min?: number;
  max?: number;
  flags: PaymentFlag[];
  /** One customer's number (the customer page). Set by the server only: never read from or written to a URL. */
  phone?: string;
}

export interface PaymentSearch extends PaymentFilter {
  sort: PaymentSort;
  dir: "asc" | "desc";
  /** 1-based; with a cursor it only labels the page (the cursor says where it starts). */
  page: number;
  pageSize: number;
  /** Keyset cursors (payment-cursor.ts): the page starts after, or ends before, that row. */
  after?: string;
  before?: string;
}

/** The part of a search that chooses rows (what a CSV export covers), without order and paging. */
export function filterOf(search: PaymentSearch): PaymentFilter {
  const { sort: _s, dir: _d, page: _p, pageSize: _ps, after: _a, before: _b, ...filter } = search;
  return filter;
}
