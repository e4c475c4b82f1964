import type { Env } from "@/lib/env";
import type { Mode } from "@/lib/generated/prisma/client";
import { expiredQuerySchedule } from "@/lib/payments/expired-query-schedule";
import { darajaClientForMode } from "@/lib/rails/daraja/client-for-mode";
import type { DarajaTarget, ReconcileSettings } from "@/lib/reconcile/reconcile-payment";

/** The reconciler's settings from the environment. */
export function reconcileSettings(env: Env): ReconcileSettings {
  return { ...expiredQuerySchedule(env), queryRatePerSecond: env.payments.queryRatePerSecond };
}

/** The Daraja client, shortcode and timeout of a mode; null when the mode is not configured. */
export function darajaTargetFor(env: Env, mode: Mode): DarajaTarget | null {
  const config = mode === "LIVE" ? env.daraja.live : env.daraja.test;
  if (!config) return null;
  return { client: darajaClientForMode(env, mode), shortcode: config.shortcode, timeoutMs: config.timeoutMs };
}
