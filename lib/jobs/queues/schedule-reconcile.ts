import type { PgBoss } from "pg-boss";
import type { Db } from "@/lib/db/client";
import { getSenderBoss } from "@/lib/jobs/boss";
import { ensureQueue } from "@/lib/jobs/ensure-queue";
import { reconcilePaymentQueue } from "@/lib/jobs/queues/reconcile-payment-queue";
import { sendJob } from "@/lib/jobs/send-job";

export interface ScheduleReconcileOptions {
  paymentId: string;
  at: Date;
  /** The caller's transaction: the job exists if and only if it commits. */
  tx?: Db;
  /** Another key than the payment's own, for a nudge that must not wait behind its scheduled job. */
  singletonKey?: string;
  boss?: PgBoss;
}

/**
 * Queues a payments.reconcile job for the payment at `at`. While a job for the same key is already
 * waiting, this adds none (the queue keeps one per key): whichever runs first finds out what is due.
 * Returns whether a job was added.
 */
export async function scheduleReconcile({ paymentId, at, tx, singletonKey, boss }: ScheduleReconcileOptions): Promise<boolean> {
  const sender = boss ?? (await getSenderBoss());
  await ensureQueue(sender, reconcilePaymentQueue);
  const id = await sendJob(reconcilePaymentQueue, { paymentId }, { tx, boss: sender, startAfter: at, singletonKey: singletonKey ?? paymentId });
  return id !== null;
}
