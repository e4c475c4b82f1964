import type { PaymentAttempt, Prisma } from "@/lib/generated/prisma/client";

/** An attempt as the settle path and callback matching read it. */
export type LockedAttempt = Pick<PaymentAttempt, "id" | "sequence" | "status" | "checkoutRequestId">;

/** What the decision needs besides the payment itself, read while holding the payment's row lock. */
export interface SettleFacts {
  /** The payment's attempts, in sequence order. */
  attempts: LockedAttempt[];
  /** Another payment that already holds the observation's receipt; null when none does (or there is no receipt). */
  receiptOwnerId: string | null;
}

/**
 * The payment's attempts and the owner of the observation's receipt, in one statement. Call it
 * after the payment's row lock is granted (lockPaymentRow), never in the statement that waits for
 * it: a statement's snapshot is taken before its wait, and would miss attempts written meanwhile.
 */
export async function readSettleFacts(tx: Prisma.TransactionClient, paymentId: string, receipt: string | undefined): Promise<SettleFacts> {
  const [row] = await tx.$queryRaw<{ attempts: LockedAttempt[]; receiptOwnerId: string | null }[]>`
    SELECT COALESCE((
             SELECT json_agg(json_build_object('id', a.id, 'sequence', a.sequence, 'status', a.status, 'checkoutRequestId', a.checkout_request_id) ORDER BY a.sequence)
               FROM payment_attempts a WHERE a.payment_id = ${paymentId}
           ), '[]'::json) AS attempts,
           (SELECT o.id FROM payments o WHERE o.mpesa_receipt = ${receipt ?? null} AND o.id <> ${paymentId} LIMIT 1) AS "receiptOwnerId"`;
  return { attempts: row!.attempts, receiptOwnerId: row!.receiptOwnerId };
}
