import type { Db } from "@/lib/db/client";
import type { Env } from "@/lib/env";
import { expiredQuerySchedule } from "@/lib/payments/expired-query-schedule";
import type { PaymentDaraja } from "@/lib/collection-accounts/payment-daraja";
import { railForExistingPayment } from "@/lib/collection-accounts/payment-rail";
import { queryRateKey } from "@/lib/rate-limit/query-slots";
import { darajaStkRail } from "@/lib/rails/daraja/stk-rail";
import type { PaymentAccountRef, QueryTarget, ReconcileSettings } from "@/lib/reconcile/reconcile-payment";

/** The reconciler's settings from the environment. */
export function reconcileSettings(env: Env): ReconcileSettings {
  return { ...expiredQuerySchedule(env), queryRatePerSecond: env.payments.queryRatePerSecond };
}

/** Where a payment's status queries go (its collection account's rail, Daraja or Vodacom); null when it is not configured. */
export async function queryTargetFor(db: Db, env: Env, payment: PaymentAccountRef): Promise<QueryTarget | null> {
  const target = await railForExistingPayment(db, env, payment);
  return target && { rail: target.rail, rateKey: queryRateKey(target.rateAccount), timeoutMs: target.timeoutMs };
}

/** What a Daraja account's queries need: its client, the shortcode its rate is counted under, its timeout. */
export type DarajaQueryAccount = Pick<PaymentDaraja, "client" | "shortcode" | "timeoutMs">;

/** A Daraja account's query target: the STK rail over its client, its rate counted per shortcode. */
export function darajaQueryTarget(daraja: DarajaQueryAccount, env: Env): QueryTarget {
  return {
    rail: darajaStkRail(daraja.client, { publicUrl: env.publicUrl, callbackSecret: env.secrets.callback }),
    rateKey: queryRateKey(daraja.shortcode),
    timeoutMs: daraja.timeoutMs,
  };
}
