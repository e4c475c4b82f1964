import { AppError } from "@/lib/errors";
import { Prisma, type Payment } from "@/lib/generated/prisma/client";

/**
 * Every column of payments under the field name Prisma gives it, so one raw statement can lock the
 * row and read it whole (Prisma's own reads cannot lock). The mapped type lists every field of
 * Payment: a column added to the schema fails the typecheck until it is named here too.
 */
const PAYMENT_COLUMNS: { [K in keyof Payment]-?: string } = {
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

const COLUMNS_OF_P = Prisma.raw(Object.entries(PAYMENT_COLUMNS).map(([field, column]) => `p.${column} AS "${field}"`).join(", "));

/**
 * Locks the payment's row for the rest of the transaction and reads it whole, in one statement:
 * the settle path's first step. The row returned is the one committed when the lock was granted.
 */
export async function lockPaymentRow(tx: Prisma.TransactionClient, paymentId: string): Promise<Payment> {
  const rows = await tx.$queryRaw<Payment[]>`SELECT ${COLUMNS_OF_P} FROM payments p WHERE p.id = ${paymentId} FOR UPDATE OF p`;
  if (!rows[0]) throw new AppError("not_found", `No such payment: ${paymentId}`, { param: "id" });
  return rows[0];
}

/**
 * The payment of the attempt that holds this CheckoutRequestID, locked and read whole, in one
 * statement (every callback takes this path). Only the payment's row is locked: the attempt is
 * read to find it, and an attempt's payment and CheckoutRequestID never change once set.
 */
export async function lockPaymentOfCheckout(tx: Prisma.TransactionClient, checkoutRequestId: string): Promise<{ payment: Payment; attemptId: string } | null> {
  const rows = await tx.$queryRaw<(Payment & { attemptId: string })[]>`
    SELECT ${COLUMNS_OF_P}, a.id AS "attemptId"
      FROM payment_attempts a JOIN payments p ON p.id = a.payment_id
     WHERE a.checkout_request_id = ${checkoutRequestId}
       FOR UPDATE OF p`;
  const row = rows[0];
  if (!row) return null;
  const { attemptId, ...payment } = row;
  return { payment, attemptId };
}
