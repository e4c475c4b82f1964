import type { CallbackOutcome, Prisma } from "@/lib/generated/prisma/client";

/** A processed callback's verdict: what its row records, and what its processor reports. */
export interface CallbackVerdict {
  outcome: Exclude<CallbackOutcome, "RECEIVED">;
  paymentId?: string | null;
  /** Named by an STK callback; kept as stored when absent. */
  checkoutRequestId?: string;
  reason?: string;
}

/**
 * Writes a stored callback's verdict (STK callbacks and C2B confirmations alike), in the
 * transaction that applied it and under the row's lock (lockCallbackLog). One statement, returning
 * nothing: it runs for every callback.
 */
export async function finishCallbackLog(
  tx: Prisma.TransactionClient, id: bigint, now: Date, verdict: CallbackVerdict,
): Promise<{ outcome: CallbackVerdict["outcome"]; paymentId: string | null; reason?: string }> {
  const paymentId = verdict.paymentId ?? null;
  await tx.$executeRaw`
    UPDATE callback_logs
       SET outcome = ${verdict.outcome}::"CallbackOutcome", processed_at = ${now}, attempts = attempts + 1, error = ${verdict.reason ?? null},
           payment_id = ${paymentId}, checkout_request_id = COALESCE(${verdict.checkoutRequestId ?? null}, checkout_request_id)
     WHERE id = ${id}`;
  return { outcome: verdict.outcome, paymentId, reason: verdict.reason };
}
