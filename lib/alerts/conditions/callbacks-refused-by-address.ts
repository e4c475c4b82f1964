import { eat, plural, type AlertCondition } from "@/lib/alerts/alert-condition";
import { REFUSED_CALLBACK_ALERT_HOURS } from "@/lib/alerts/find-operator-alerts";
import { ADDRESS_REFUSAL_WHERE } from "@/lib/callbacks/address-refusal";

/** Callbacks with a valid token refused for their source address: real callbacks being lost. */
export const callbacksRefusedByAddress: AlertCondition = {
  kind: "callbacks_refused_by_address",
  title: "Real callbacks refused",
  description: `Callbacks with a valid token refused for their source address in the last ${REFUSED_CALLBACK_ALERT_HOURS} h: most likely a reverse proxy missing from TRUSTED_PROXIES. Reprocess them from Needs attention.`,
  severity: "critical",
  async evaluate({ db, now }) {
    const since = new Date(now.getTime() - REFUSED_CALLBACK_ALERT_HOURS * 3600_000);
    const found = await db.callbackLog.aggregate({ where: { ...ADDRESS_REFUSAL_WHERE, receivedAt: { gte: since } }, _count: true, _max: { receivedAt: true } });
    if (found._count === 0) return [];
    return [{
      subject: "all",
      summary: `${plural(found._count, "callback")} with a valid token refused for the source address in the last ${REFUSED_CALLBACK_ALERT_HOURS} h (last ${eat(found._max.receivedAt!)}). Check TRUSTED_PROXIES and CALLBACK_IP_ALLOWLIST.`,
      details: { count: found._count, lastReceivedAt: found._max.receivedAt!.toISOString() },
    }];
  },
};
