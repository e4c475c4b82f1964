import { raiseDarajaConfigurationAlert, resolveDarajaConfigurationAlert } from "@/lib/alerts/daraja-configuration-alert";
import type { Db } from "@/lib/db/client";
import type { Mode } from "@/lib/generated/prisma/client";
import { createPayment, type CreatePaymentOptions, type CreatePaymentResult } from "@/lib/payments/create-payment";
import type { PushAttemptResult } from "@/lib/payments/push-attempt";

/**
 * A new payment and its first push, as the storefront API starts it: createPayment, then what the
 * push said about Malipo's own configuration (notePushConfiguration).
 */
export async function startPayment(db: Db, options: CreatePaymentOptions): Promise<CreatePaymentResult> {
  const result = await createPayment(db, options);
  await notePushConfiguration(db, options.mode, result);
  return result;
}

/**
 * What any push (the first, or a prompt sent again) said about Malipo's own configuration: a push
 * refused for it raises the operator alert of the mode (no payment of that mode can be confirmed
 * until someone fixes it); an accepted push resolves it.
 */
export async function notePushConfiguration(db: Db, mode: Mode, result: PushAttemptResult): Promise<void> {
  const now = new Date();
  if (result.kind === "accepted") await resolveDarajaConfigurationAlert(db, { mode, now });
  else if ((result.kind === "rejected" || result.kind === "unavailable") && result.error.kind === "configuration") {
    await raiseDarajaConfigurationAlert(db, { mode, error: result.error, during: "push", now });
  }
}
