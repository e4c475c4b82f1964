import { operatorAlertsResolution, raiseOperatorAlert, resolveOperatorAlerts } from "@/lib/operator-alerts/operator-alerts";
import { VODACOM_RAIL } from "@/lib/collection-accounts/vodacom-account-settings";
import type { Db } from "@/lib/db/client";
import type { Mode, Prisma } from "@/lib/generated/prisma/client";

/**
 * A provider refusing Malipo's own configuration — Daraja's "Wrong credentials" (the password
 * built from shortcode, passkey and timestamp), "Merchant does not exist" (the shortcode), a field
 * only the setup can get wrong, a mode with no app at all; Vodacom refusing the API key or the
 * session. No payment of that collection account can be confirmed by status query until someone
 * fixes it, so it is raised as an operator alert on every such answer, and resolved by the next
 * answer the provider gives to that account's push or query. One alert per collection account:
 * two accounts of one mode (two Daraja shortcodes, or Daraja and Vodacom) fail and recover apart,
 * and one's success never hides the other's outage. (The kind keeps its first name: alert rules
 * and monitoring read it.)
 */

export const DARAJA_CONFIGURATION_KIND = "daraja_configuration";

/** Which configuration: a payment's collection account (or, for a payment without one, its mode's environment settings). */
export interface ConfigurationSubject {
  mode: Mode;
  collectionAccountId: string | null;
}

export function darajaConfigurationAlertKey(mode: Mode, collectionAccountId: string | null = null): string {
  return collectionAccountId ? `${DARAJA_CONFIGURATION_KIND}:${mode}:${collectionAccountId}` : `${DARAJA_CONFIGURATION_KIND}:${mode}`;
}

/** What of a refusal the alert says: a DarajaError (or any rail error) has these. */
export interface RefusedConfiguration {
  message: string;
  errorCode?: string | null;
  errorMessage?: string | null;
}

export async function raiseDarajaConfigurationAlert(
  db: Db,
  { subject, error, during, now }: { subject: ConfigurationSubject; error: RefusedConfiguration; during: "status query" | "push"; now: Date },
): Promise<void> {
  const { mode, collectionAccountId } = subject;
  const account = collectionAccountId
    ? await db.collectionAccount.findUnique({ where: { id: collectionAccountId }, select: { rail: true, source: true } })
    : null;
  const vodacom = account?.rail === VODACOM_RAIL;
  const provider = vodacom ? "Vodacom" : "Daraja";
  const fix = account?.source === "DASHBOARD" ? `the account's settings on its storefront's Collection accounts page are fixed`
    : `the ${vodacom ? "VODACOM" : "DARAJA"}_${mode}_* settings are fixed`;
  const code = error.errorCode ? ` (${error.errorCode}${error.errorMessage ? ` ${error.errorMessage}` : ""})` : "";
  // By id, not name: the message is also on the unauthenticated /api/health.
  const of = collectionAccountId ? ` of collection account ${collectionAccountId}` : "";
  await raiseOperatorAlert(db, {
    key: darajaConfigurationAlertKey(mode, collectionAccountId), kind: DARAJA_CONFIGURATION_KIND, mode, now,
    message: `${provider} refused Malipo's configuration for ${mode === "LIVE" ? "live" : "test"} payments${of} on a ${during}: ${error.message}${code}. `
      + `Its payments cannot be confirmed by status query until ${fix}.`,
  });
}

/**
 * Resolves the account's alert, and the mode's one alert of before there was one per account: an
 * answer to an account of the mode shows the mode's configuration works again (one statement).
 */
export function resolveDarajaConfigurationAlert(db: Db, { subject, now }: { subject: ConfigurationSubject; now: Date }): Promise<void> {
  return resolveOperatorAlerts(db, { keys: configurationAlertKeys(subject), now });
}

/** resolveDarajaConfigurationAlert as a statement to send beside another: an accepted push sends it in its acknowledgement's. */
export function darajaConfigurationResolution(subject: ConfigurationSubject, now: Date): Prisma.Sql {
  return operatorAlertsResolution({ keys: configurationAlertKeys(subject), now });
}

function configurationAlertKeys(subject: ConfigurationSubject): string[] {
  const keys = [darajaConfigurationAlertKey(subject.mode)];
  if (subject.collectionAccountId) keys.push(darajaConfigurationAlertKey(subject.mode, subject.collectionAccountId));
  return keys;
}

/** The message of the alert of this payment's configuration while it is raised, else null. */
export async function openDarajaConfigurationAlert(db: Db, subject: ConfigurationSubject): Promise<string | null> {
  const alert = await db.operatorAlert.findFirst({ where: { key: darajaConfigurationAlertKey(subject.mode, subject.collectionAccountId), resolvedAt: null }, select: { message: true } });
  return alert?.message ?? null;
}
