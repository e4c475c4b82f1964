import { notePushConfiguration, resolvedIfAccepted } from "@/lib/charges/start-payment";
import type { AuditActor } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { getEnv, type Env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { PaymentAttempt } from "@/lib/generated/prisma/client";
import { createLogger } from "@/lib/logger";
import { railForExistingPayment } from "@/lib/collection-accounts/payment-rail";
import { notConfigured } from "@/lib/collection-accounts/choose-account";
import { auditedPaymentChange } from "@/lib/payments/audited-payment-change";
import type { ChargeRail } from "@/lib/payments/charge";
import { pushAttempt, type PushAttemptResult } from "@/lib/payments/push-attempt";
import { retryPayment } from "@/lib/payments/retry-payment";

export interface ResendPromptOptions {
  paymentId: string;
  /** The admin; or, from the checkout page, the customer (no user id, a descriptive label). */
  actor: AuditActor;
  reason: string;
  /** On the payment's timeline: "admin" (the default) or "checkout". */
  source?: "admin" | "checkout";
  ip?: string | null;
  /** Defaults: the process's configuration and the rail of the payment's collection account. */
  env?: Env;
  rail?: ChargeRail;
}

export type ResendPromptResult = PushAttemptResult & { attempt: PaymentAttempt };

/**
 * "Send the prompt again" (an admin's, or the customer's on the checkout page) for a payment whose attempts all ended unpaid: the retry and
 * its audit row commit together (retryPayment, which refuses with a 409 `conflict` while an attempt
 * is live or its outcome unknown), then the new attempt's prompt is pushed — outside any
 * transaction, as the storefront's first push is — and the provider's answer recorded on the payment
 * and the attempt. A refusal changes and records nothing.
 */
export async function resendPrompt(db: Db, options: ResendPromptOptions): Promise<ResendPromptResult> {
  const { paymentId, actor } = options;
  const env = options.env ?? getEnv();
  const found = await db.payment.findUnique({ where: { id: paymentId }, select: { mode: true, collectionAccountId: true } });
  if (!found) throw new AppError("not_found", `No such payment: ${paymentId}`, { param: "paymentId" });
  // Found before the retry commits: an account no longer configured refuses it with nothing changed.
  const target = options.rail ? null : await railForExistingPayment(db, env, found);
  const rail = options.rail ?? target?.rail;
  if (!rail) throw notConfigured(found.mode);
  // Vodacom's conversation id is derived from the payment id: a second prompt would be the same
  // conversation, refused as a duplicate (INS-10). One payment is one Vodacom attempt.
  if (target?.rail.kind === "vodacom_c2b") throw new AppError("invalid_state", "A Vodacom M-Pesa payment cannot be sent again: create a new payment for the customer.");

  let attempt: PaymentAttempt | null = null;
  const payment = await auditedPaymentChange(db, { paymentId, action: "payment.retry", actor, reason: options.reason, ip: options.ip }, async (tx) => {
    const retried = await retryPayment(tx, { paymentId, actorUserId: actor.id, source: options.source, reason: options.reason, expirySeconds: env.payments.expirySeconds, now: new Date() });
    attempt = retried.attempt;
    return retried.payment;
  });
  const sent: PaymentAttempt = attempt!;
  const logger = createLogger("payments").child({ paymentId, attempt: sent.sequence });
  const result = await pushAttempt(db, {
    payment, attemptId: sent.id, rail,
    reconcileAfterSeconds: env.payments.reconcileAfterSeconds, source: options.source ?? "admin", actorUserId: actor.id, logger,
    onAccepted: resolvedIfAccepted({ mode: payment.mode, collectionAccountId: payment.collectionAccountId }),
  });
  await notePushConfiguration(db, result);
  return { ...result, attempt: sent };
}
