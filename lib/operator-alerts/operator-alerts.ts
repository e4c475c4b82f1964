import type { Db } from "@/lib/db/client";
import { Prisma, type Mode } from "@/lib/generated/prisma/client";

/**
 * Problems found while working that only an operator can fix, one row per problem (and mode). A
 * new occurrence raises it again (counting from 1 if it had been resolved); seeing the thing work
 * resolves it. Cheap enough to call on every occurrence: one upsert, or one keyed update.
 */

export interface RaiseOperatorAlertOptions {
  key: string;
  kind: string;
  mode?: Mode | null;
  message: string;
  now: Date;
}

export async function raiseOperatorAlert(db: Db, { key, kind, mode = null, message, now }: RaiseOperatorAlertOptions): Promise<void> {
  await db.$executeRaw`
    INSERT INTO operator_alerts (key, kind, mode, message, count, first_seen_at, last_seen_at)
    VALUES (${key}, ${kind}, ${mode}::"Mode", ${message}, 1, ${now}, ${now})
    ON CONFLICT (key) DO UPDATE SET
      message = EXCLUDED.message,
      last_seen_at = EXCLUDED.last_seen_at,
      count = CASE WHEN operator_alerts.resolved_at IS NULL THEN operator_alerts.count + 1 ELSE 1 END,
      first_seen_at = CASE WHEN operator_alerts.resolved_at IS NULL THEN operator_alerts.first_seen_at ELSE EXCLUDED.first_seen_at END,
      resolved_at = NULL`;
}

/** Marks the alert resolved, if it is raised; a no-op (one indexed update) otherwise. */
export async function resolveOperatorAlert(db: Db, { key, now }: { key: string; now: Date }): Promise<void> {
  await resolveOperatorAlerts(db, { keys: [key], now });
}

/** Marks each of these alerts resolved, if raised, in one statement. */
export async function resolveOperatorAlerts(db: Db, options: { keys: string[]; now: Date }): Promise<void> {
  await db.$executeRaw`${operatorAlertsResolution(options)}`;
}

/** resolveOperatorAlerts' statement, for a caller that sends it beside another (lib/db/writes-alongside.ts). */
export function operatorAlertsResolution({ keys, now }: { keys: string[]; now: Date }): Prisma.Sql {
  return Prisma.sql`UPDATE operator_alerts SET resolved_at = ${now} WHERE key = ANY(${keys}::text[]) AND resolved_at IS NULL`;
}
