import type { Db } from "@/lib/db/client";

export interface SweepUndeliverableOptions {
  now: Date;
  /** Series that began before this have run out of time. */
  horizonStart: Date;
  /** How long a delivery to a disabled endpoint waits before it is looked at again. */
  parkMs: number;
}

/**
 * Keeps rows that cannot be sent out of the claim's way:
 * - due deliveries whose series is past the retry horizon fail for good (this catches deliveries
 *   that waited on a disabled endpoint; a live series fails when its next attempt would be too late);
 * - due deliveries to a disabled endpoint stay PENDING but are parked a while, so a disabled
 *   endpoint with a backlog is not rescanned every second. Re-enabling the endpoint sends them
 *   within `parkMs`, if they are still inside their horizon.
 * Rows in flight have a lease in the future and are never touched.
 */
export async function sweepUndeliverable(db: Db, { now, horizonStart, parkMs }: SweepUndeliverableOptions): Promise<{ expired: number; parked: number }> {
  const expired = await db.$executeRaw`
    UPDATE webhook_deliveries
       SET status = 'FAILED', next_attempt_at = NULL, updated_at = ${now}
     WHERE status = 'PENDING' AND next_attempt_at <= ${now} AND series_started_at < ${horizonStart}`;
  const parked = await db.$executeRaw`
    UPDATE webhook_deliveries d
       SET next_attempt_at = ${new Date(now.getTime() + parkMs)}, updated_at = ${now}
      FROM webhook_endpoints e
     WHERE e.id = d.endpoint_id AND NOT e.enabled
       AND d.status = 'PENDING' AND d.next_attempt_at <= ${now}`;
  return { expired, parked };
}
