import { ADDRESS_REFUSAL_WHERE } from "@/lib/callbacks/address-refusal";
import type { Db } from "@/lib/db/client";
import type { Mode } from "@/lib/generated/prisma/client";

/** An alert as /api/health and the dashboard show it. */
export interface OperatorAlertView {
  kind: string;
  mode: Mode | null;
  message: string;
  count: number;
  firstSeenAt: string;
  lastSeenAt: string;
}

export const CALLBACKS_REFUSED_BY_ADDRESS_KIND = "callbacks_refused_by_address";
/** Refused callbacks older than this no longer raise the alert (they stay on Needs attention). */
export const REFUSED_CALLBACK_ALERT_HOURS = 24;

/**
 * Every problem an operator must fix now: the raised operator alerts (Daraja configuration…), and
 * callbacks with a valid token refused for their source address in the last 24 hours — real
 * callbacks being refused, most likely behind a proxy missing from TRUSTED_PROXIES.
 */
export async function findOperatorAlerts(db: Db, { now = new Date(), mode }: { now?: Date; mode?: Mode } = {}): Promise<OperatorAlertView[]> {
  const since = new Date(now.getTime() - REFUSED_CALLBACK_ALERT_HOURS * 3600_000);
  const refusedWhere = { ...ADDRESS_REFUSAL_WHERE, receivedAt: { gte: since } };
  const [raised, refused] = await Promise.all([
    db.operatorAlert.findMany({ where: { resolvedAt: null, ...(mode ? { OR: [{ mode }, { mode: null }] } : {}) }, orderBy: { lastSeenAt: "desc" } }),
    db.callbackLog.aggregate({ where: refusedWhere, _count: true, _min: { receivedAt: true }, _max: { receivedAt: true } }),
  ]);
  const alerts: OperatorAlertView[] = raised.map((a) => ({
    kind: a.kind, mode: a.mode, message: a.message, count: a.count, firstSeenAt: a.firstSeenAt.toISOString(), lastSeenAt: a.lastSeenAt.toISOString(),
  }));
  if (refused._count > 0) {
    alerts.push({
      kind: CALLBACKS_REFUSED_BY_ADDRESS_KIND, mode: null, count: refused._count,
      firstSeenAt: refused._min.receivedAt!.toISOString(), lastSeenAt: refused._max.receivedAt!.toISOString(),
      message: `${refused._count} callback${refused._count === 1 ? "" : "s"} with a valid token refused for the source address in the last ${REFUSED_CALLBACK_ALERT_HOURS} h: `
        + "real callbacks are probably being refused. Check TRUSTED_PROXIES (a reverse proxy in front?) and CALLBACK_IP_ALLOWLIST, then reprocess them from Needs attention.",
    });
  }
  return alerts;
}
