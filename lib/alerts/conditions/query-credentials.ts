import { modeName, type AlertCondition } from "@/lib/alerts/alert-condition";
import { DARAJA_CONFIGURATION_KIND } from "@/lib/alerts/daraja-configuration-alert";

/**
 * A provider refusing Malipo's own credentials or configuration on a status query or a push
 * (raised as an operator alert, lib/alerts/daraja-configuration-alert.ts), per collection account.
 */
export const queryCredentials: AlertCondition = {
  kind: "daraja_credentials",
  title: "M-Pesa refuses Malipo's credentials",
  description: "Daraja answered \"Wrong credentials\" or \"Merchant does not exist\", or Vodacom refused the API key or session: no payment of that collection account can be confirmed by status query until its settings are fixed.",
  severity: "critical",
  async evaluate({ db }) {
    const raised = await db.operatorAlert.findMany({ where: { kind: DARAJA_CONFIGURATION_KIND, resolvedAt: null }, orderBy: { key: "asc" } });
    return raised.map((a) => ({
      // One per collection account (the key names it): two accounts of a mode are two alerts.
      subject: a.key.slice(DARAJA_CONFIGURATION_KIND.length + 1),
      summary: a.message,
      details: { mode: a.mode ? modeName(a.mode) : null, occurrences: a.count, lastSeenAt: a.lastSeenAt.toISOString() },
    }));
  },
};
