import { modeName, type AlertCondition } from "@/lib/alerts/alert-condition";
import { DARAJA_CONFIGURATION_KIND } from "@/lib/alerts/daraja-configuration-alert";

/**
 * Daraja refusing Malipo's own credentials or configuration on a status query or a push (raised
 * as an operator alert by the reconciler, lib/alerts/daraja-configuration-alert.ts), per mode.
 */
export const queryCredentials: AlertCondition = {
  kind: "daraja_credentials",
  title: "Daraja refuses Malipo's credentials",
  description: "Daraja answered \"Wrong credentials\" or \"Merchant does not exist\": no payment of that mode can be confirmed by status query until the DARAJA_* settings are fixed.",
  severity: "critical",
  async evaluate({ db }) {
    const raised = await db.operatorAlert.findMany({ where: { kind: DARAJA_CONFIGURATION_KIND, resolvedAt: null }, orderBy: { key: "asc" } });
    return raised.map((a) => ({
      subject: a.mode ?? "all",
      summary: a.message,
      details: { mode: a.mode ? modeName(a.mode) : null, occurrences: a.count, lastSeenAt: a.lastSeenAt.toISOString() },
    }));
  },
};
