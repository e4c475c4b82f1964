import { raiseOperatorAlert, resolveOperatorAlert } from "@/lib/operator-alerts/operator-alerts";
import type { Db } from "@/lib/db/client";
import type { Mode } from "@/lib/generated/prisma/client";

/**
 * Daraja refusing Malipo's own configuration — "Wrong credentials" (the password built from
 * shortcode, passkey and timestamp), "Merchant does not exist" (the shortcode), a field only the
 * setup can get wrong, a mode with no Daraja app at all. No payment of that mode can be confirmed
 * by status query until someone fixes it, so it is raised as an operator alert on every such
 * answer, and resolved by the next answer Daraja gives to that mode's push or query.
 */

export const DARAJA_CONFIGURATION_KIND = "daraja_configuration";

export function darajaConfigurationAlertKey(mode: Mode): string {
  return `${DARAJA_CONFIGURATION_KIND}:${mode}`;
}

/** What of a refusal the alert says: a DarajaError (or any rail error) has these. */
export interface RefusedConfiguration {
  message: string;
  errorCode?: string | null;
  errorMessage?: string | null;
}

export async function raiseDarajaConfigurationAlert(db: Db, { mode, error, during, now }: { mode: Mode; error: RefusedConfiguration; during: "status query" | "push"; now: Date }): Promise<void> {
  const code = error.errorCode ? ` (${error.errorCode}${error.errorMessage ? ` ${error.errorMessage}` : ""})` : "";
  await raiseOperatorAlert(db, {
    key: darajaConfigurationAlertKey(mode), kind: DARAJA_CONFIGURATION_KIND, mode, now,
    message: `Daraja refused Malipo's configuration for ${mode === "LIVE" ? "live" : "test"} payments on a ${during}: ${error.message}${code}. `
      + "Payments of this mode cannot be confirmed by status query until the DARAJA_* settings are fixed.",
  });
}

export function resolveDarajaConfigurationAlert(db: Db, { mode, now }: { mode: Mode; now: Date }): Promise<void> {
  return resolveOperatorAlert(db, { key: darajaConfigurationAlertKey(mode), now });
}

/** The message of the mode's alert while it is raised, else null. */
export async function openDarajaConfigurationAlert(db: Db, mode: Mode): Promise<string | null> {
  const alert = await db.operatorAlert.findFirst({ where: { kind: DARAJA_CONFIGURATION_KIND, mode, resolvedAt: null }, select: { message: true } });
  return alert?.message ?? null;
}
