import { Prisma, type CallbackOutcome } from "@/lib/generated/prisma/client";

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
  await tx.$executeRaw(callbackVerdictWrite(id, now, verdict));
  return { outcome: verdict.outcome, paymentId: verdict.paymentId ?? null, reason: verdict.reason };
}

/** The UPDATE finishCallbackLog sends, for a caller that sends it along with another statement (lib/db/writes-alongside.ts). */
export function callbackVerdictWrite(id: bigint, now: Date, verdict: CallbackVerdict): Prisma.Sql {
  return Prisma.sql`
    UPDATE callback_logs
       SET outcome = ${verdict.outcome}::"CallbackOutcome", processed_at = ${now}, attempts = attempts + 1, error = ${verdict.reason ?? null},
           payment_id = ${verdict.paymentId ?? null}, checkout_request_id = COALESCE(${verdict.checkoutRequestId ?? null}, checkout_request_id)
     WHERE id = ${id}`;
}
