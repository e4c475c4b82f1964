import { darajaConfigurationResolution, raiseDarajaConfigurationAlert, type ConfigurationSubject } from "@/lib/alerts/daraja-configuration-alert";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db/client";
import { createPayment, type CreatePaymentOptions, type CreatePaymentResult } from "@/lib/payments/create-payment";
import type { PushAttemptResult } from "@/lib/payments/push-attempt";

/**
 * A new payment and its first push, as the storefront API starts it: createPayment, then what the
 * push said about Malipo's own configuration (resolvedIfAccepted, notePushConfiguration).
 */
export async function startPayment(db: Db, options: CreatePaymentOptions): Promise<CreatePaymentResult> {
  const onAccepted = resolvedIfAccepted({ mode: options.mode, collectionAccountId: options.collectionAccountId ?? null });
  const result = await createPayment(db, { ...options, onAccepted });
  await notePushConfiguration(db, result);
  return result;
}

/**
 * What any push (the first, or a prompt sent again) said about Malipo's own configuration: a push
 * refused for it raises the operator alert of the payment's collection account (none of its
 * payments can be confirmed until someone fixes it). An accepted push resolves that alert in the
 * statement that records the acceptance (resolvedIfAccepted).
 */
export async function notePushConfiguration(db: Db, result: PushAttemptResult): Promise<void> {
  if ((result.kind === "rejected" || result.kind === "unavailable") && result.error.kind === "configuration") {
    const subject = { mode: result.payment.mode, collectionAccountId: result.payment.collectionAccountId };
    await raiseDarajaConfigurationAlert(db, { subject, error: result.error, during: "push", now: new Date() });
  }
}

/** The push's `onAccepted` writes: the provider taking it shows the account's configuration works. */
export function resolvedIfAccepted(subject: ConfigurationSubject): Prisma.Sql[] {
  return [darajaConfigurationResolution(subject, new Date())];
}
