import { AppError } from "@/lib/errors";
import type { Payment, Prisma } from "@/lib/generated/prisma/client";
import { PAYMENT_FIELDS_OF_P } from "@/lib/payments/payment-columns";

/**
 * Locks the payment's row for the rest of the transaction and reads it whole, in one statement:
 * the settle path's first step. The row returned is the one committed when the lock was granted.
 */
export async function lockPaymentRow(tx: Prisma.TransactionClient, paymentId: string): Promise<Payment> {
  const rows = await tx.$queryRaw<Payment[]>`SELECT ${PAYMENT_FIELDS_OF_P} FROM payments p WHERE p.id = ${paymentId} FOR UPDATE OF p`;
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
    SELECT ${PAYMENT_FIELDS_OF_P}, a.id AS "attemptId"
      FROM payment_attempts a JOIN payments p ON p.id = a.payment_id
     WHERE a.checkout_request_id = ${checkoutRequestId}
       FOR UPDATE OF p`;
  const row = rows[0];
  if (!row) return null;
  const { attemptId, ...payment } = row;
  return { payment, attemptId };
}
