import type { Env } from "@/lib/env";
import type { Payment, PrismaClient } from "@/lib/generated/prisma/client";
import type { Logger } from "@/lib/logger";
import { railForExistingPayment } from "@/lib/collection-accounts/payment-rail";
import { requestStatusQuery } from "@/lib/reconcile/request-status-query";

/**
 * GET /api/v1/payments/{id} asks for a status query of a pending payment whose last one is older
 * than POLL_QUERY_MIN_INTERVAL_SECONDS. Best effort: a read never fails because of it.
 */
export async function pollStatusQuery(db: PrismaClient, env: Env, payment: Payment, logger: Logger): Promise<void> {
  try {
    // The rate slot is counted under the provider account (shortcode, service provider code) of the payment's own account.
    const target = await railForExistingPayment(db, env, payment);
    if (!target) return;
    await requestStatusQuery(db, {
      payment, shortcode: target.rateAccount, minIntervalSeconds: env.api.pollQueryMinIntervalSeconds, ratePerSecond: env.payments.queryRatePerSecond,
    });
  } catch (error) {
    logger.warn({ err: error, paymentId: payment.id }, "could not request a status query for a polled payment");
  }
}
