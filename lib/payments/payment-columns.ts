import { Prisma, type Payment } from "@/lib/generated/prisma/client";

/**
 * Every column of payments under the field name Prisma gives it, so a raw statement can lock or
 * update rows and read them back whole (Prisma's own reads cannot lock, and its updateManyAndReturn
 * costs far more per row than the statement itself at the sweep's batch sizes). The mapped type
 * lists every field of Payment: a column added to the schema fails the typecheck until it is named here too.
 */
export const PAYMENT_COLUMNS: { [K in keyof Payment]-?: string } = {
  id: "id", storefrontId: "storefront_id", mode: "mode", status: "status", amount: "amount", currency: "currency",
  phone: "phone", reference: "reference", description: "description", metadata: "metadata",
  merchantRequestId: "merchant_request_id", checkoutRequestId: "checkout_request_id", mpesaReceipt: "mpesa_receipt",
  resultCode: "result_code", resultDesc: "result_desc", failureCode: "failure_code", failureMessage: "failure_message",
  mpesaAmount: "mpesa_amount", mpesaPhone: "mpesa_phone", transactionDate: "transaction_date", reviewReason: "review_reason",
  outcomeUnknown: "outcome_unknown", receiptMissing: "receipt_missing", late: "late", phoneMismatch: "phone_mismatch",
  queryCount: "query_count", lastQueriedAt: "last_queried_at", nextQueryAt: "next_query_at", queryLeaseUntil: "query_lease_until",
  createdAt: "created_at", updatedAt: "updated_at", acceptedAt: "accepted_at", completedAt: "completed_at", expiresAt: "expires_at",
  collectionAccountId: "collection_account_id", ledgerMissingAt: "ledger_missing_at", refundedAmount: "refunded_amount",
};

/** `p.<column> AS "<field>", …` for every column of payments aliased `p`: a row read back as a Payment. */
export const PAYMENT_FIELDS_OF_P = Prisma.raw(Object.entries(PAYMENT_COLUMNS).map(([field, column]) => `p.${column} AS "${field}"`).join(", "));

/**
 * Plain values only (no Prisma operations such as `increment`, no JSON metadata): what a set-based
 * update may set, and what transitionPayment's patch accepts as is.
 */
export type PaymentValues = { [K in Exclude<keyof Payment, "id" | "status" | "updatedAt" | "metadata">]?: Payment[K] };

/** `column = value, …` for the fields given (undefined ones skipped), for a raw UPDATE of payments. */
export function paymentAssignments(values: PaymentValues): Prisma.Sql[] {
  return Object.entries(values)
    .filter(([, value]) => value !== undefined)
    .map(([field, value]) => {
      // A field spread in from elsewhere that is not a column would otherwise become `undefined = …`.
      const column = PAYMENT_COLUMNS[field as keyof Payment] as string | undefined;
      if (!column || field === "id" || field === "status" || field === "updatedAt" || field === "metadata") throw new TypeError(`Not a payment value a raw update may set: ${field}`);
      return Prisma.sql`${Prisma.raw(column)} = ${value}`;
    });
}
