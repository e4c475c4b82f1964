import { raiseDarajaConfigurationAlert } from "@/lib/alerts/daraja-configuration-alert";
import type { Db } from "@/lib/db/client";
import { createPayment, type CreatePaymentOptions, type CreatePaymentResult } from "@/lib/payments/create-payment";
import type { PushAttemptResult } from "@/lib/payments/push-attempt";

/**
 * A new payment and its first push, as the storefront API starts it: createPayment, then what the
 * push said about Malipo's own configuration (notePushConfiguration).
 */
export async function startPayment(db: Db, options: CreatePaymentOptions): Promise<CreatePaymentResult> {
  const result = await createPayment(db, options);
  await notePushConfiguration(db, result);
  return result;
}

/**
 * What any push (the first, or a prompt sent again) said about Malipo's own configuration: a push
 * refused for it raises the operator alert of the payment's collection account (none of its
 * payments can be confirmed until someone fixes it). An accepted push resolves that alert in the
 * transaction that records the acceptance (push-attempt.ts).
 */
export async function notePushConfiguration(db: Db, result: PushAttemptResult): Promise<void> {
  if ((result.kind === "rejected" || result.kind === "unavailable") && result.error.kind === "configuration") {
    const subject = { mode: result.payment.mode, collectionAccountId: result.payment.collectionAccountId };
    await raiseDarajaConfigurationAlert(db, { subject, error: result.error, during: "push", now: new Date() });
  }
}
