import { Prisma } from "@/lib/generated/prisma/client";
import { addEatDays, eatDayStart } from "@/lib/time/eat";
import { parseSearchTerm, type SearchReading } from "@/lib/payments/parse-search-term";
import type { PaymentFilter } from "@/lib/payments/payment-filter";
import { dbModeOf, type PublicMode } from "@/lib/payments/public-payment";

/**
 * The WHERE clause of the payments table, shared by the page query and the CSV export so an export
 * holds exactly the rows the table shows. Values are bound parameters; only whitelisted column
 * names are written into the SQL. Alias `p` is the payments table.
 */
export function paymentWhereSql(filter: PaymentFilter, mode: PublicMode): Prisma.Sql {
  const clauses: Prisma.Sql[] = [Prisma.sql`p.mode = ${dbModeOf(mode)}::"Mode"`];
  if (filter.status.length) {
    clauses.push(Prisma.sql`p.status IN (${Prisma.join(filter.status.map((s) => Prisma.sql`${s}::"PaymentStatus"`))})`);
  }
  // Dates are EAT calendar days: "to" includes the whole of its day.
  if (filter.from) clauses.push(Prisma.sql`p.created_at >= ${eatDayStart(filter.from)}`);
  if (filter.to) clauses.push(Prisma.sql`p.created_at < ${eatDayStart(addEatDays(filter.to, 1))}`);
  if (filter.storefront) clauses.push(Prisma.sql`p.storefront_id = ${filter.storefront}`);
  if (filter.currency) clauses.push(Prisma.sql`p.currency = ${filter.currency}`);
  if (filter.phone) clauses.push(Prisma.sql`p.phone = ${filter.phone}`);
  if (filter.min !== undefined) clauses.push(Prisma.sql`p.amount >= ${filter.min}`);
  if (filter.max !== undefined) clauses.push(Prisma.sql`p.amount <= ${filter.max}`);
  for (const flag of filter.flags) {
    if (flag === "late") clauses.push(Prisma.sql`p.late`);
    if (flag === "receipt_missing") clauses.push(Prisma.sql`p.receipt_missing`);
    if (flag === "outcome_unknown") clauses.push(Prisma.sql`p.outcome_unknown`);
    // Flagged by the ledger check (lib/ledger/check-ledger-missing.ts) and not cleared since.
    if (flag === "ledger_missing") clauses.push(Prisma.sql`p.ledger_missing_at IS NOT NULL`);
    // Some money given back (payments_refunded_manual serves it), or all of it.
    if (flag === "refunded") clauses.push(Prisma.sql`p.refunded_amount > 0`);
    if (flag === "fully_refunded") clauses.push(Prisma.sql`p.refunded_amount > 0 AND p.refunded_amount >= p.amount`);
    // In review now, or resolved after one: the reason stays on the payment.
    if (flag === "review") clauses.push(Prisma.sql`(p.status = 'REVIEW'::"PaymentStatus" OR p.review_reason IS NOT NULL)`);
  }
  const readings = parseSearchTerm(filter.q);
  if (readings.length) clauses.push(Prisma.sql`(${Prisma.join(readings.map(readingSql), " OR ")})`);
  return Prisma.join(clauses, " AND ");
}

function readingSql(r: SearchReading): Prisma.Sql {
  switch (r.kind) {
    case "payment_id":
      return Prisma.sql`p.id = ${r.value}`;
    case "checkout_request_id":
      return Prisma.sql`p.checkout_request_id = ${r.value}`;
    case "receipt":
      return Prisma.sql`p.mpesa_receipt = ${r.value}`;
    case "phone":
      return Prisma.sql`p.phone = ${r.value}`;
    case "phone_suffix":
      // "Ends with" served by the reversed-phone index (payments_phone_reversed_manual).
      return Prisma.sql`reverse(p.phone) LIKE ${reverse(r.digits) + "%"}`;
    case "reference_prefix":
      // Served by payments_reference_lower_manual (lower(reference) text_pattern_ops).
      return Prisma.sql`lower(p.reference) LIKE ${escapeLike(r.value.toLowerCase()) + "%"}`;
  }
}

function reverse(text: string): string {
  return [...text].reverse().join("");
}

/** LIKE treats % and _ as wildcards and \ as the escape: a typed "50%" must match literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
