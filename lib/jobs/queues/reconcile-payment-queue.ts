import { z } from "zod";
import type { JobQueue } from "@/lib/jobs/define-job";

/**
 * The queue of payments.reconcile, apart from its handler so that use cases can schedule the job
 * (in their own transaction) without importing the reconciler itself. `short`: at most one waiting
 * job per singletonKey, so a payment's job is scheduled once however many times it is asked for.
 */
export const reconcilePaymentQueue = {
  name: "payments.reconcile",
  schema: z.strictObject({ paymentId: z.string().regex(/^pay_[0-9A-Za-z]{8,64}$/) }),
  queue: { policy: "short", retryLimit: 10, retryDelay: 5, retryBackoff: true, retryDelayMax: 60, expireInSeconds: 180, deleteAfterSeconds: 3600 },
} satisfies JobQueue;
