import type { AlertCondition } from "@/lib/alerts/alert-condition";
import { ALERT_CONDITIONS } from "@/lib/alerts/alert-conditions";
import type { Db } from "@/lib/db/client";
import type { Env } from "@/lib/env";

export interface EffectiveRule {
  condition: AlertCondition;
  enabled: boolean;
  /** The admin's threshold, or the condition's default; null for conditions without one. */
  threshold: number | null;
  /** Whether an admin changed it (a row exists). */
  customised: boolean;
  updatedAt: Date | null;
  updatedBy: string | null;
}

/** Every condition with its rule: the admin's settings where there are some, the defaults elsewhere. */
export async function loadAlertRules(db: Db, env: Env, conditions: AlertCondition[] = ALERT_CONDITIONS): Promise<EffectiveRule[]> {
  const rows = await db.alertRule.findMany({ where: { kind: { in: conditions.map((c) => c.kind) } } });
  const byKind = new Map(rows.map((r) => [r.kind, r]));
  return conditions.map((condition) => {
    const row = byKind.get(condition.kind);
    const fallback = condition.threshold ? condition.threshold.default(env) : null;
    return {
      condition,
      enabled: row?.enabled ?? true,
      threshold: condition.threshold ? (row?.threshold ?? fallback) : null,
      customised: Boolean(row),
      updatedAt: row?.updatedAt ?? null,
      updatedBy: row?.updatedBy ?? null,
    };
  });
}
