import type { AlertCondition } from "@/lib/alerts/alert-condition";
import { deliverAlertNotifications, type DeliverySummary } from "@/lib/alerts/deliver-alert-notifications";
import { evaluateAlerts, type EvaluationSummary } from "@/lib/alerts/evaluate-alerts";
import type { Env } from "@/lib/env";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Logger } from "@/lib/logger";

/** One pass: evaluate every condition (opening, keeping and resolving alerts), then send what is due. */
export async function runAlertCycle(db: PrismaClient, options: { env: Env; now?: Date; conditions?: AlertCondition[]; logger?: Logger }): Promise<{ evaluation: EvaluationSummary; delivery: DeliverySummary }> {
  const now = options.now ?? new Date();
  const evaluation = await evaluateAlerts(db, { ...options, now });
  const delivery = await deliverAlertNotifications(db, { env: options.env, now, logger: options.logger });
  return { evaluation, delivery };
}
