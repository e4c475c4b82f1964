import type { Db } from "@/lib/db/client";
import type { Payment } from "@/lib/generated/prisma/client";
import type { Logger } from "@/lib/logger";
import { inTransaction } from "@/lib/db/in-transaction";
import { markAttemptUnknown, recordAttemptIds } from "@/lib/payments/payment-attempts";
import { recordPaymentEvent } from "@/lib/payments/record-payment-event";

export interface RecordUnstoredAcknowledgementOptions {
  paymentId: string;
  /** The attempt Daraja acknowledged: it gets the ids too, and is UNKNOWN like the payment. */
  attemptId: string;
  ids: { checkoutRequestId: string; merchantRequestId: string };
  /** Why the acknowledgement's own write failed. */
  error: unknown;
  /** When its first status query is due (the sweep wakes it: no job could be queued). */
  firstQueryAt: Date;
  logger: Logger;
}

// Short and bounded: the storefront is waiting for its answer.
const ATTEMPT_DELAYS_MS = [0, 250, 750];

/**
 * Daraja accepted the push, but the write that records its acknowledgement failed (the database
 * refused it, a job could not be queued, a CheckoutRequestID collided). The prompt is on the phone,
 * so the payment must stay resolvable: it stays INITIATING, flagged outcome-unknown, with a timeline
 * entry saying why and carrying Daraja's ids. First the ids themselves are stored (without queueing
 * a job, which may be what failed): the reconciler's sweep then queries it as usual. If even that
 * fails, the flag and the entry alone: its callback still settles it, because the callback URL's
 * token names the payment. Returns the payment as stored, or null when nothing could be written.
 */
export async function recordUnstoredAcknowledgement(db: Db, options: RecordUnstoredAcknowledgementOptions): Promise<Payment | null> {
  const { paymentId, attemptId, ids, logger } = options;
  const cause = options.error instanceof Error ? options.error.message.trim().split("\n").at(-1) : String(options.error);
  for (const [i, delay] of ATTEMPT_DELAYS_MS.entries()) {
    if (delay) await new Promise((r) => setTimeout(r, delay));
    // The last attempt leaves the ids out: they may be what the database refuses.
    const withIds = i < ATTEMPT_DELAYS_MS.length - 1;
    try {
      return await inTransaction(db, async (tx) => {
        const { count } = await tx.payment.updateMany({
          where: { id: paymentId, status: "INITIATING" },
          data: { outcomeUnknown: true, ...(withIds ? { ...ids, nextQueryAt: options.firstQueryAt } : {}) },
        });
        if (count === 1) {
          if (withIds) await recordAttemptIds(tx, attemptId, ids);
          await markAttemptUnknown(tx, attemptId);
          const reason = `Daraja accepted the push, but storing its acknowledgement failed (${cause}); `
            + (withIds ? "its CheckoutRequestID was stored afterwards, so status queries and its callback settle it"
              : "its CheckoutRequestID could not be stored, so its callback settles it (the callback URL names this payment)");
          await recordPaymentEvent(tx, { paymentId, type: "outcome_unknown", source: "api", data: { reason, ...ids, idsStored: withIds } });
        }
        return tx.payment.findUniqueOrThrow({ where: { id: paymentId } });
      });
    } catch (error) {
      logger.warn({ err: error, attempt: i + 1, withIds }, "could not record the unstored acknowledgement yet");
    }
  }
  return null;
}
