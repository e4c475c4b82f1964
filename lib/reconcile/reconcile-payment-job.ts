import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { defineJob } from "@/lib/jobs/define-job";
import { reconcilePaymentQueue } from "@/lib/jobs/queues/reconcile-payment-queue";
import { reconcilePayment } from "@/lib/reconcile/reconcile-payment";
import { queryTargetFor, reconcileSettings } from "@/lib/reconcile/reconcile-settings";

/**
 * Brings one payment to its next STK status query, or to expiry at its deadline. Scheduled when the
 * push is accepted (at the first query's time) and after every unfinished answer; the payments
 * sweep queues it again for any due payment whose job was lost. Safe to run twice: the query is
 * claimed under a lease and the answer applied under the payment's row lock.
 */
export const reconcilePaymentJob = defineJob({
  ...reconcilePaymentQueue,
  // Runs mostly wait for a rate slot (at most 2 s): several per worker keep the rate's slots used.
  concurrency: 2,
  batchSize: 4,
  handler: async (data, { logger, signal }) => {
    const env = getEnv();
    return reconcilePayment(getDb(), {
      paymentId: data.paymentId, settings: reconcileSettings(env), queryTargetFor: (payment) => queryTargetFor(getDb(), env, payment), signal, logger,
    });
  },
});
