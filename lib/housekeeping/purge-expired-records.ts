import type { Db } from "@/lib/db/client";

export interface PurgeResult {
  idempotencyKeys: number;
  rateLimitWindows: number;
  heartbeats: number;
  signInAttempts: number;
}

/** Deletes rows whose purpose has passed: idempotency keys after 24 h, old counters and heartbeats. */
export async function purgeExpiredRecords(db: Db, now = new Date()): Promise<PurgeResult> {
  const hourAgo = new Date(now.getTime() - 3600_000);
  const dayAgo = new Date(now.getTime() - 24 * 3600_000);
  const [idempotencyKeys, rateLimitWindows, heartbeats, signInAttempts] = await Promise.all([
    db.idempotencyKey.deleteMany({ where: { expiresAt: { lt: now } } }),
    db.rateLimitWindow.deleteMany({ where: { windowStart: { lt: hourAgo } } }),
    db.workerHeartbeat.deleteMany({ where: { lastSeenAt: { lt: dayAgo } } }),
    db.signInAttempt.deleteMany({ where: { createdAt: { lt: dayAgo } } }),
  ]);
  return {
    idempotencyKeys: idempotencyKeys.count,
    rateLimitWindows: rateLimitWindows.count,
    heartbeats: heartbeats.count,
    signInAttempts: signInAttempts.count,
  };
}
