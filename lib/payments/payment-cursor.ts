import { z } from "zod";
import type { PaymentStatus } from "@/lib/generated/prisma/client";
import type { PaymentSort } from "@/lib/payments/payment-filter";
import type { PaymentRow } from "@/lib/payments/payment-row";
import { ALL_STATUSES } from "@/lib/payments/state";

/**
 * A position in the payments table for keyset paging: the sort key of one row plus its id, which
 * breaks ties, so "the rows after this one" is exact however many rows share a time or an amount.
 * In the URL (`after=` / `before=`) it is base64url JSON; a token that does not decode for the
 * current sort (hand-edited, or made for another sort) is simply not a position.
 */
export type PaymentCursor =
  | { sort: "created_at"; createdAt: Date; id: string }
  | { sort: "amount"; amount: number; id: string }
  | { sort: "status"; status: PaymentStatus; createdAt: Date; id: string };

const id = z.string().regex(/^pay_[0-9A-Za-z]{1,64}$/);
const instant = z.iso.datetime({ offset: false, precision: 3 }).transform((s) => new Date(s));
const TOKEN_SCHEMAS = {
  created_at: z.tuple([z.literal("created_at"), instant, id]),
  amount: z.tuple([z.literal("amount"), z.number().int().min(-(2 ** 31)).max(2 ** 31 - 1), id]),
  status: z.tuple([z.literal("status"), z.enum(ALL_STATUSES), instant, id]),
} as const;

/** The cursor of a row of the table, for the sort it is shown in. */
export function paymentCursorOf(sort: PaymentSort, row: Pick<PaymentRow, "id" | "createdAt" | "amount" | "status">): string {
  const key = sort === "created_at" ? [sort, row.createdAt.toISOString(), row.id]
    : sort === "amount" ? [sort, row.amount, row.id]
    : [sort, row.status, row.createdAt.toISOString(), row.id];
  return Buffer.from(JSON.stringify(key)).toString("base64url");
}

/** The position a token names for this sort, or null when it names none. */
export function decodePaymentCursor(sort: PaymentSort, token: string | undefined): PaymentCursor | null {
  if (!token) return null;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  if (sort === "created_at") {
    const r = TOKEN_SCHEMAS.created_at.safeParse(json);
    return r.success ? { sort, createdAt: r.data[1], id: r.data[2] } : null;
  }
  if (sort === "amount") {
    const r = TOKEN_SCHEMAS.amount.safeParse(json);
    return r.success ? { sort, amount: r.data[1], id: r.data[2] } : null;
  }
  const r = TOKEN_SCHEMAS.status.safeParse(json);
  return r.success ? { sort, status: r.data[1], createdAt: r.data[2], id: r.data[3] } : null;
}
