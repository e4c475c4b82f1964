import { raiseDarajaConfigurationAlert, resolveDarajaConfigurationAlert } from "@/lib/alerts/daraja-configuration-alert";
import type { Db } from "@/lib/db/client";
import { createPayment, type CreatePaymentOptions, type CreatePaymentResult } from "@/lib/payments/create-payment";

/**
 * A new payment and its first push, as the storefront API starts it: createPayment, then what the
 * push said about Malipo's own configuration. A push refused for it raises the operator alert of
 * the mode (no payment of that mode can be confirmed until someone fixes it); an accepted push
 * resolves it.
 */
export async function startPayment(db: Db, options: CreatePaymentOptions): Promise<CreatePaymentResult> {
  const result = await createPayment(db, options);
  const now = new Date();
  if (result.kind === "accepted") await resolveDarajaConfigurationAlert(db, { mode: options.mode, now });
  else if ((result.kind === "rejected" || result.kind === "unavailable") && result.error.kind === "configuration") {
    await raiseDarajaConfigurationAlert(db, { mode: options.mode, error: result.error, during: "push", now });
  }
  return result;
}
