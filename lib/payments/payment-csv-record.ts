import { Prisma } from "@/lib/generated/prisma/client";
import { toEatIso } from "@/lib/time/eat";
import type { PaymentRow } from "@/lib/payments/payment-row";

/**
 * One CSV line per payment. Times appear twice — EAT for people, UTC for systems — as ISO 8601;
 * amounts are whole shillings. Text a storefront or M-Pesa chose is defused against spreadsheet
 * formula injection (a leading =, +, -, @, tab or CR makes Excel evaluate the cell).
 *
 * The export writes these lines in PostgreSQL (PAYMENT_CSV_SQL, streamed by COPY), at the rate a
 * million-row export needs; toPaymentCsvRecord is the same line in TypeScript, and a test holds the
 * two to the same bytes.
 */
export const PAYMENT_CSV_COLUMNS = [
  "id", "created_at_eat", "created_at_utc", "completed_at_eat", "completed_at_utc", "status", "amount", "currency",
  "phone", "reference", "description", "mpesa_receipt", "result_code", "result_desc", "storefront_id", "storefront",
  "mode", "checkout_request_id", "late", "receipt_missing", "outcome_unknown", "review_reason",
  // Added later, so last: a spreadsheet that reads columns by position keeps reading the others.
  "amount_refunded",
] as const;

type PaymentCsvColumn = (typeof PAYMENT_CSV_COLUMNS)[number];
export type PaymentCsvRecord = Record<PaymentCsvColumn, string | number>;

/** The first characters that make a spreadsheet read a cell as a formula. */
export const FORMULA_LEADERS = ["=", "+", "-", "@", "\t", "\r"] as const;

export function toPaymentCsvRecord(p: PaymentRow): PaymentCsvRecord {
  return {
    id: p.id,
    created_at_eat: toEatIso(p.createdAt),
    created_at_utc: p.createdAt.toISOString(),
    completed_at_eat: p.completedAt ? toEatIso(p.completedAt) : "",
    completed_at_utc: p.completedAt ? p.completedAt.toISOString() : "",
    status: p.status,
    amount: p.amount,
    currency: p.currency,
    phone: p.phone,
    reference: defuse(p.reference),
    description: defuse(p.description ?? ""),
    mpesa_receipt: defuse(p.mpesaReceipt ?? ""),
    result_code: defuse(p.resultCode ?? ""),
    result_desc: defuse(p.resultDesc ?? ""),
    storefront_id: p.storefrontId,
    storefront: defuse(p.storefrontName),
    mode: p.mode,
    checkout_request_id: defuse(p.checkoutRequestId ?? ""),
    late: p.late ? "true" : "false",
    receipt_missing: p.receiptMissing ? "true" : "false",
    outcome_unknown: p.outcomeUnknown ? "true" : "false",
    review_reason: defuse(p.reviewReason ?? ""),
    amount_refunded: p.refundedAmount,
  };
}

export function defuse(text: string): string {
  return (FORMULA_LEADERS as readonly string[]).includes(text.charAt(0)) ? `'${text}` : text;
}

// The same guard and times in SQL. The guard compares the first character's code (ascii() is cheap,
// a million rows' worth of it) with the leaders'. Times use the fixed +03:00 offset, as toEatIso,
// and PostgreSQL's own ISO text rather than to_char, which costs four times more: the columns hold
// whole milliseconds, so one microsecond more always prints six fractional digits (none trimmed),
// of which the first three are the milliseconds (the export's connection sets DateStyle ISO).
// Text that may be empty becomes NULL, which COPY writes as nothing: it writes an empty string as "".
const LEADER_CODES = FORMULA_LEADERS.map((c) => c.charCodeAt(0)).join(", ");
const textSql = (column: string) => Prisma.raw(`NULLIF(${column}, '')`);
const defuseSql = (column: string) => Prisma.raw(`NULLIF(CASE WHEN ascii(${column}) IN (${LEADER_CODES}) THEN '''' || ${column} ELSE ${column} END, '')`);
const isoSql = (column: string, shift: string, offset: string) =>
  Prisma.raw(`replace(left((${column} AT TIME ZONE 'UTC' + interval '${shift} 0.000001 seconds')::text, 23), ' ', 'T') || '${offset}'`);
const eatIsoSql = (column: string) => isoSql(column, "3 hours", "+03:00");
const utcIsoSql = (column: string) => isoSql(column, "0 hours", "Z");
const flagSql = (column: string) => Prisma.raw(`CASE WHEN ${column} THEN 'true' ELSE 'false' END`);

const CSV_SQL: Record<PaymentCsvColumn, Prisma.Sql> = {
  id: textSql("p.id"),
  created_at_eat: eatIsoSql("p.created_at"),
  created_at_utc: utcIsoSql("p.created_at"),
  completed_at_eat: eatIsoSql("p.completed_at"),
  completed_at_utc: utcIsoSql("p.completed_at"),
  status: Prisma.raw("p.status::text"),
  amount: Prisma.raw("p.amount::text"),
  currency: textSql("p.currency"),
  phone: textSql("p.phone"),
  reference: defuseSql("p.reference"),
  description: defuseSql("p.description"),
  mpesa_receipt: defuseSql("p.mpesa_receipt"),
  result_code: defuseSql("p.result_code"),
  result_desc: defuseSql("p.result_desc"),
  storefront_id: textSql("p.storefront_id"),
  storefront: defuseSql("s.name"),
  mode: Prisma.raw("p.mode::text"),
  checkout_request_id: defuseSql("p.checkout_request_id"),
  late: flagSql("p.late"),
  receipt_missing: flagSql("p.receipt_missing"),
  outcome_unknown: flagSql("p.outcome_unknown"),
  review_reason: defuseSql("p.review_reason"),
  amount_refunded: Prisma.raw("p.refunded_amount::text"),
};

/** The select list of one CSV line, in column order; payments `p` joined to storefronts `s`. */
export const PAYMENT_CSV_SQL = Prisma.join(PAYMENT_CSV_COLUMNS.map((c) => CSV_SQL[c]));
