import { loadAlertRules } from "@/lib/alerts/alert-rules";
import type { Db } from "@/lib/db/client";
import type { Env } from "@/lib/env";

/** Everything Settings → Alerts shows: channels, every condition's rule, open alerts, the latest notifications. */
export async function findAlertSettings(db: Db, env: Env) {
  const [channels, rules, open, notifications] = await Promise.all([
    db.alertChannel.findMany({ orderBy: { createdAt: "asc" }, select: { id: true, type: true, label: true, enabled: true, createdAt: true } }),
    loadAlertRules(db, env),
    db.alertIncident.findMany({ where: { resolvedAt: null }, orderBy: { openedAt: "desc" }, take: 100 }),
    db.alertNotification.findMany({
      orderBy: { id: "desc" }, take: 50,
      select: {
        id: true, kind: true, status: true, attempts: true, lastError: true, sentAt: true, createdAt: true,
        channel: { select: { label: true, type: true } }, incident: { select: { kind: true, subject: true } },
      },
    }),
  ]);
  return {
    smtpConfigured: env.alerts.smtp !== null,
    renotifyMinutes: env.alerts.renotifyMinutes,
    evaluateIntervalSeconds: env.alerts.evaluateIntervalSeconds,
    channels,
    rules: rules.map(({ condition, ...rule }) => ({
      ...rule, kind: condition.kind, title: condition.title, description: condition.description, severity: condition.severity,
      thresholdSpec: condition.threshold ? { label: condition.threshold.label, unit: condition.threshold.unit, min: condition.threshold.min, max: condition.threshold.max, default: condition.threshold.default(env) } : null,
    })),
    open,
    notifications: notifications.map((n) => ({ ...n, id: n.id.toString() })),
  };
}

export type AlertSettings = Awaited<ReturnType<typeof findAlertSettings>>;
