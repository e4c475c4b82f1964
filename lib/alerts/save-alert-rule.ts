import { ALERT_CONDITIONS } from "@/lib/alerts/alert-conditions";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { inTransaction } from "@/lib/db/in-transaction";

export interface SaveAlertRuleOptions {
  kind: string;
  enabled: boolean;
  /** Null: the condition's default. */
  threshold: number | null;
  actor: AuditActor;
  ip?: string | null;
}

/** Turns a condition on or off and sets its threshold; the next evaluation uses it. Audited. */
export async function saveAlertRule(db: Db, { kind, enabled, threshold, actor, ip }: SaveAlertRuleOptions): Promise<void> {
  const condition = ALERT_CONDITIONS.find((c) => c.kind === kind);
  if (!condition) throw new AppError("not_found", "No such alert condition.");
  const bounds = condition.threshold;
  if (threshold !== null && !bounds) throw new AppError("validation_failed", `${condition.title} has no threshold.`, { param: "threshold" });
  if (threshold !== null && bounds && (threshold < bounds.min || threshold > bounds.max)) {
    throw new AppError("validation_failed", `${bounds.label} must be between ${bounds.min} and ${bounds.max} ${bounds.unit}.`, { param: "threshold" });
  }
  await inTransaction(db, async (tx) => {
    const before = await tx.alertRule.findUnique({ where: { kind } });
    const data = { enabled, threshold, updatedBy: actor.email };
    await tx.alertRule.upsert({ where: { kind }, create: { kind, ...data }, update: data });
    await recordAudit(tx, {
      actor, action: "alert_rule.update", entityType: "alert_rule", entityId: kind,
      before: before ? { enabled: before.enabled, threshold: before.threshold } : { enabled: true, threshold: null }, after: { enabled, threshold }, ip,
    });
  });
}
