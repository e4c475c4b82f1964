import type { AlertCondition, AlertFinding } from "@/lib/alerts/alert-condition";
import { ALERT_CONDITIONS } from "@/lib/alerts/alert-conditions";
import { loadAlertRules } from "@/lib/alerts/alert-rules";
import type { Env } from "@/lib/env";
import type { AlertIncident, AlertNotificationKind, Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { createId } from "@/lib/ids";
import { createLogger, type Logger } from "@/lib/logger";

// One evaluator applies at a time, whichever process runs it (a worker job, or a web process while
// no worker is alive); a second one arriving meanwhile leaves it to the first.
const LOCK_KEY = 7_318_220_418;

export interface EvaluateAlertsOptions {
  env: Env;
  now: Date;
  conditions?: AlertCondition[];
  logger?: Logger;
}

export type EvaluationSummary =
  | { applied: true; opened: number; reminded: number; resolved: number; failedConditions: string[] }
  | { applied: false; reason: "another evaluation is applying" };

/**
 * One evaluation: every enabled condition is asked what holds now (read-only, outside any
 * transaction, so one failing query cannot abort the others); then, under an advisory lock, each
 * finding opens an alert or keeps its open one (one per condition and subject, re-notified at most
 * every ALERT_RENOTIFY_MINUTES), and each open alert no longer found is resolved. Every opening,
 * reminder and resolution queues one notification per channel, in the same transaction. A
 * condition whose evaluation failed keeps its alerts as they are: an error is not an all-clear.
 */
export async function evaluateAlerts(db: PrismaClient, { env, now, conditions = ALERT_CONDITIONS, logger = createLogger("alerts") }: EvaluateAlertsOptions): Promise<EvaluationSummary> {
  const rules = await loadAlertRules(db, env, conditions);
  const found = new Map<string, AlertFinding[]>();
  const failedConditions: string[] = [];
  for (const rule of rules) {
    if (!rule.enabled) {
      found.set(rule.condition.kind, []);
      continue;
    }
    try {
      found.set(rule.condition.kind, await rule.condition.evaluate({ db, now, env, threshold: rule.threshold }));
    } catch (error) {
      failedConditions.push(rule.condition.kind);
      logger.error({ err: error, condition: rule.condition.kind }, "alert condition could not be evaluated; its alerts are left as they are");
    }
  }
  const renotifyMs = env.alerts.renotifyMinutes * 60_000;
  return db.$transaction(async (tx) => {
    const [lock] = await tx.$queryRaw<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(${LOCK_KEY}::bigint) AS locked`;
    if (!lock?.locked) return { applied: false as const, reason: "another evaluation is applying" as const };
    const [open, channels] = await Promise.all([
      tx.alertIncident.findMany({ where: { resolvedAt: null, kind: { in: [...found.keys()] } } }),
      tx.alertChannel.findMany({ where: { enabled: true }, select: { id: true } }),
    ]);
    const everyChannel = channels.map((c) => c.id);
    const counts = { opened: 0, reminded: 0, resolved: 0 };
    for (const [kind, findings] of found) {
      const openHere = new Map(open.filter((i) => i.kind === kind).map((i) => [i.subject, i]));
      for (const finding of findings) {
        const incident = openHere.get(finding.subject);
        openHere.delete(finding.subject);
        if (!incident) {
          const id = createId("alr");
          await tx.alertIncident.create({ data: { id, kind, ...content(finding), openedAt: now, lastSeenAt: now, lastNotifiedAt: now } });
          await queue(tx, id, "OPENED", everyChannel, now);
          counts.opened += 1;
          continue;
        }
        const remind = renotifyMs > 0 && now.getTime() - incident.lastNotifiedAt.getTime() >= renotifyMs;
        await tx.alertIncident.update({ where: { id: incident.id }, data: { ...content(finding), lastSeenAt: now, ...(remind ? { lastNotifiedAt: now } : {}) } });
        if (remind) {
          await queue(tx, incident.id, "REMINDER", everyChannel, now);
          counts.reminded += 1;
        }
      }
      for (const cleared of openHere.values()) {
        await tx.alertIncident.update({ where: { id: cleared.id }, data: { resolvedAt: now } });
        await queue(tx, cleared.id, "RESOLVED", await toldChannels(tx, cleared, everyChannel), now);
        counts.resolved += 1;
      }
    }
    return { applied: true as const, ...counts, failedConditions };
  });
}

function content(finding: AlertFinding) {
  return { subject: finding.subject, summary: finding.summary, details: (finding.details ?? {}) as Prisma.InputJsonValue };
}

/** A resolution goes to the enabled channels that heard of the alert (a channel added later never did). */
async function toldChannels(tx: Prisma.TransactionClient, incident: AlertIncident, enabled: string[]): Promise<string[]> {
  const told = await tx.alertNotification.findMany({ where: { incidentId: incident.id }, distinct: ["channelId"], select: { channelId: true } });
  return told.map((t) => t.channelId).filter((id) => enabled.includes(id));
}

async function queue(tx: Prisma.TransactionClient, incidentId: string, kind: AlertNotificationKind, channelIds: string[], now: Date): Promise<void> {
  if (channelIds.length === 0) return;
  await tx.alertNotification.createMany({ data: channelIds.map((channelId) => ({ incidentId, channelId, kind, status: "PENDING" as const, nextAttemptAt: now, createdAt: now })) });
}
