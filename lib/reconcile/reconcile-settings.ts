import type { Db } from "@/lib/db/client";
import type { Env } from "@/lib/env";
import { expiredQuerySchedule } from "@/lib/payments/expired-query-schedule";
import { darajaForPayment } from "@/lib/collection-accounts/payment-daraja";
import type { DarajaTarget, PaymentAccountRef, ReconcileSettings } from "@/lib/reconcile/reconcile-payment";

/** The reconciler's settings from the environment. */
export function reconcileSettings(env: Env): ReconcileSettings {
  return { ...expiredQuerySchedule(env), queryRatePerSecond: env.payments.queryRatePerSecond };
}

/** The Daraja client, shortcode and timeout of a payment's collection account; null when it is not configured. */
export function darajaTargetFor(db: Db, env: Env, payment: PaymentAccountRef): Promise<DarajaTarget | null> {
  return darajaForPayment(db, env, payment);
}
