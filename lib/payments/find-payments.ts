import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db/client";
import type { PublicMode } from "@/lib/payments/public-payment";
import { paymentWhereSql } from "@/lib/payments/payment-filter-sql";
import { PAYMENT_ROW_COLUMNS, toPaymentRow, type PaymentRow, type PaymentRowRecord } from "@/lib/payments/payment-row";
import { filterOf, type PaymentSearch, type PaymentSort } from "@/lib/payments/payment-filter";
import { decodePaymentCursor, paymentCursorOf, type PaymentCursor } from "@/lib/payments/payment-cursor";
import type { Paginated } from "@/lib/db/paginated";

// The only column names ever written into the ORDER BY: the sort parameter picks from this map.
// Each list is the sort's whole key, the id last; (mode, key…) indexes serve them.
const SORT_KEYS: Record<PaymentSort, Prisma.Sql[]> = {
  created_at: [Prisma.raw("p.created_at"), Prisma.raw("p.id")],
  amount: [Prisma.raw("p.amount"), Prisma.raw("p.id")],
  status: [Prisma.raw("p.status"), Prisma.raw("p.created_at"), Prisma.raw("p.id")],
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

/** A page and the cursors of its neighbours (null: there is none that way). */
export interface PaymentPage extends Paginated<PaymentRow> {
  next: string | null;
  previous: string | null;
}

/**
 * One page of the payments table, filtered, searched and sorted in the database. With a cursor
 * (`after` / `before`) the page is found by keyset, as fast at page 4,000 as at page 1; a bare page
 * number (an old link) still works, by OFFSET. One row more than a page is read to know whether
 * another follows.
 */
export async function findPayments(db: Db, { search, mode, countCap = PAYMENT_COUNT_CAP }: FindPaymentsOptions): Promise<PaymentPage> {
  const where = paymentWhereSql(filterOf(search), mode);
  const after = decodePaymentCursor(search.sort, search.after);
  const before = after ? null : decodePaymentCursor(search.sort, search.before);
  const [rows, counted] = await Promise.all([
    readRows(db, where, search, after ?? before, before !== null),
    db.$queryRaw<{ total: number }[]>`SELECT count(*)::int AS total FROM (SELECT 1 FROM payments p WHERE ${where} LIMIT ${countCap + 1}) capped`,
  ]);
  // Back past the first page (rows were added at the top meanwhile): the first page it is.
  if (before && rows.length < search.pageSize) return findPayments(db, { search: { ...search, page: 1, before: undefined }, mode, countCap });
  const more = rows.length > search.pageSize;
  const data = (before ? rows.slice(0, search.pageSize).reverse() : rows.slice(0, search.pageSize)).map(toPaymentRow);
  // Reading back reached the start exactly: this is page 1 whatever the link said.
  const page = before && !more ? 1 : search.page;
  const hasNext = before ? true : more;
  const hasPrevious = before ? more : after !== null || page > 1;
  const cursor = (row: PaymentRow | undefined) => (row ? paymentCursorOf(search.sort, row) : null);
  const links = { next: hasNext ? cursor(data.at(-1)) : null, previous: hasPrevious ? cursor(data[0]) : null };

  const total = counted[0]?.total ?? 0;
  if (total <= countCap) {
    return { data, total, page, pageSize: search.pageSize, totalPages: Math.max(1, Math.ceil(total / search.pageSize), hasNext ? page + 1 : 0), ...links };
  }
  // More than the cap: what is known is at least the cap, or as far as this page reaches.
  const atLeast = Math.max(total, (page - 1) * search.pageSize + data.length);
  return { data, total: atLeast, page, pageSize: search.pageSize, totalPages: hasNext ? page + 1 : page, totalIsLowerBound: true, ...links };
}

/** The page's rows (plus one), in table order, or in reverse when reading backwards from a cursor. */
function readRows(db: Db, where: Prisma.Sql, search: PaymentSearch, cursor: PaymentCursor | null, backwards: boolean): Promise<PaymentRowRecord[]> {
  const descending = (search.dir === "desc") !== backwards;
  const direction = Prisma.raw(descending ? "DESC" : "ASC");
  const keys = SORT_KEYS[search.sort];
  const order = Prisma.join(keys.map((k) => Prisma.sql`${k} ${direction}`));
  // A row comparison: the index walks straight to the cursor's row and reads on from there.
  const keyset = cursor ? Prisma.sql`AND (${Prisma.join(keys)}) ${Prisma.raw(descending ? "<" : ">")} (${Prisma.join(cursorValues(cursor))})` : Prisma.empty;
  const offset = cursor ? 0 : (search.page - 1) * search.pageSize;
  return db.$queryRaw<PaymentRowRecord[]>`
    SELECT ${PAYMENT_ROW_COLUMNS}
      FROM payments p JOIN storefronts s ON s.id = p.storefront_id
     WHERE ${where} ${keyset}
     ORDER BY ${order}
     LIMIT ${search.pageSize + 1} OFFSET ${offset}`;
}

function cursorValues(cursor: PaymentCursor): Prisma.Sql[] {
  switch (cursor.sort) {
    case "created_at":
      return [Prisma.sql`${cursor.createdAt}::timestamptz`, Prisma.sql`${cursor.id}`];
    case "amount":
      return [Prisma.sql`${cursor.amount}::int`, Prisma.sql`${cursor.id}`];
    case "status":
      return [Prisma.sql`${cursor.status}::"PaymentStatus"`, Prisma.sql`${cursor.createdAt}::timestamptz`, Prisma.sql`${cursor.id}`];
  }
}
