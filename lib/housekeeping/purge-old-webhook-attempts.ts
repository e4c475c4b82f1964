import type { Db } from "@/lib/db/client";

export interface PurgeOldWebhookAttemptsOptions {
  before: Date;
  batchSize: number;
  shouldContinue: () => boolean;
}

/**
 * Deletes webhook attempts (status, latency, the first KB of the storefront's answer) made before
 * `before`, oldest first, in batches. Attempts of a delivery still being retried stay: they are its
 * backoff history. The delivery row itself (status, attempt count, delivered time) is kept.
 */
export async function purgeOldWebhookAttempts(db: Db, { before, batchSize, shouldContinue }: PurgeOldWebhookAttemptsOptions): Promise<number> {
  let deleted = 0;
  const finished = { requestedAt: { lt: before }, delivery: { status: { not: "PENDING" as const } } };
  while (shouldContinue()) {
    const rows = await db.webhookAttempt.findMany({ where: finished, orderBy: { requestedAt: "asc" }, take: batchSize, select: { id: true } });
    if (rows.length === 0) break;
    const { count } = await db.webhookAttempt.deleteMany({ where: { id: { in: rows.map((row) => row.id) }, ...finished } });
    deleted += count;
    if (rows.length < batchSize) break;
  }
  return deleted;
}
