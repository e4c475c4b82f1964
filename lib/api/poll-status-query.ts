import type { Env } from "@/lib/env";
import type { Payment, PrismaClient } from "@/lib/generated/prisma/client";
import type { Logger } from "@/lib/logger";
import { requestStatusQuery } from "@/lib/reconcile/request-status-query";

/**
 * GET /api/v1/payments/{id} asks for a status query of a pending payment whose last one is older
 * than POLL_QUERY_MIN_INTERVAL_SECONDS. Best effort: a read never fails because of it.
 */
export async function pollStatusQuery(db: PrismaClient, env: Env, payment: Payment, logger: Logger): Promise<void> {
  const config = payment.mode === "LIVE" ? env.daraja.live : env.daraja.test;
  if (!config) return;
  try {
    await requestStatusQuery(db, {
      payment, shortcode: config.shortcode, minIntervalSeconds: env.api.pollQueryMinIntervalSeconds, ratePerSecond: env.payments.queryRatePerSecond,
    });
  } catch (error) {
    logger.warn({ err: error, paymentId: payment.id }, "could not request a status query for a polled payment");
  }
}
