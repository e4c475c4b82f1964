import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db/client";
import type { PublicMode } from "@/lib/payments/public-payment";
import { paymentWhereSql } from "@/lib/payments/payment-filter-sql";
import { PAYMENT_ROW_COLUMNS, toPaymentRow, type PaymentRow, type PaymentRowRecord } from "@/lib/payments/payment-row";
import { filterOf, type PaymentSearch, type PaymentSort } from "@/lib/payments/payment-filter";
import { paginated, type Paginated } from "@/lib/db/paginated";

// The only column names ever written into the ORDER BY: the sort parameter picks from this map.
const ORDER_COLUMNS: Record<PaymentSort, Prisma.Sql> = {
  created_at: Prisma.raw("p.created_at"),
  amount: Prisma.raw("p.amount"),
  status: Prisma.raw("p.status"),
};

/**
 * Counting stops here: an exact count(*) over a million rows costs ~90 ms on every page view, and
 * nobody pages through more than this; past it the table says "more than 10,000".
 */
export const PAYMENT_COUNT_CAP = 10_000;

export interface FindPaymentsOptions {
  search: PaymentSearch;
  mode: PublicMode;
  countCap?: number;
}

/** One page of the payments table, filtered, searched and sorted in the database. */
export async function findPayments(db: Db, { search, mode, countCap = PAYMENT_COUNT_CAP }: FindPaymentsOptions): Promise<Paginated<PaymentRow>> {
  const where = paymentWhereSql(filterOf(search), mode);
  const direction = Prisma.raw(search.dir === "asc" ? "ASC" : "DESC");
  const offset = (search.page - 1) * search.pageSize;
  const [rows, counted] = await Promise.all([
    db.$queryRaw<PaymentRowRecord[]>`
      SELECT ${PAYMENT_ROW_COLUMNS}
        FROM payments p JOIN storefronts s ON s.id = p.storefront_id
       WHERE ${where}
       ORDER BY ${ORDER_COLUMNS[search.sort]} ${direction}, p.id ${direction}
       LIMIT ${search.pageSize} OFFSET ${offset}`,
    db.$queryRaw<{ total: number }[]>`SELECT count(*)::int AS total FROM (SELECT 1 FROM payments p WHERE ${where} LIMIT ${countCap + 1}) capped`,
  ]);
  const total = counted[0]?.total ?? 0;
  if (total <= countCap) return paginated(rows.map(toPaymentRow), total, search.page, search.pageSize);
  // More than the cap: what is known is at least the cap, or as far as this page reaches; a full page
  // means there may be another.
  const atLeast = Math.max(total, offset + rows.length);
  const totalPages = rows.length === search.pageSize ? Math.max(search.page + 1, Math.ceil(atLeast / search.pageSize)) : search.page;
  return { data: rows.map(toPaymentRow), total: atLeast, page: search.page, pageSize: search.pageSize, totalPages, totalIsLowerBound: true };
}
