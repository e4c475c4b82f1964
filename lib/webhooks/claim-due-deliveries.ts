import type { Db } from "@/lib/db/client";

export interface ClaimedDelivery {
  id: string;
  eventId: string;
  endpointId: string;
  /** This attempt's number over the delivery's whole life; also the fencing token for recording it. */
  attemptNumber: number;
  /** This attempt's number within the current series: the backoff exponent. */
  seriesAttempt: number;
  seriesStartedAt: Date;
}

export interface ClaimDueDeliveriesOptions {
  now: Date;
  limit: number;
  /** How long the claim holds: past it, a delivery whose sender died is due again. */
  leaseMs: number;
  /** Series that began before this are past their horizon; the sweep fails them, nobody sends them. */
  horizonStart: Date;
}

/**
 * Claims up to `limit` due deliveries to enabled endpoints in one statement: the rows are locked
 * with SKIP LOCKED (concurrent dispatchers take different rows), and pushed `leaseMs` into the
 * future with their attempt counters raised before the statement commits, so once the lock is gone
 * no other dispatcher sees them as due. A sender that crashes mid-send loses nothing: the lease runs
 * out and the delivery is attempted again (at-least-once; receivers dedupe by event id).
 */
export async function claimDueDeliveries(db: Db, { now, limit, leaseMs, horizonStart }: ClaimDueDeliveriesOptions): Promise<ClaimedDelivery[]> {
  const leaseUntil = new Date(now.getTime() + leaseMs);
  return db.$queryRaw<ClaimedDelivery[]>`
    WITH due AS (
      SELECT d.id
        FROM webhook_deliveries d
        JOIN webhook_endpoints e ON e.id = d.endpoint_id AND e.enabled
       WHERE d.status = 'PENDING' AND d.next_attempt_at <= ${now} AND d.series_started_at >= ${horizonStart}
       ORDER BY d.next_attempt_at
       LIMIT ${limit}
       FOR UPDATE OF d SKIP LOCKED
    )
    UPDATE webhook_deliveries d
       SET next_attempt_at = ${leaseUntil},
           attempt_count = d.attempt_count + 1,
           series_attempts = d.series_attempts + 1,
           updated_at = ${now}
      FROM due
     WHERE d.id = due.id
    RETURNING d.id, d.event_id AS "eventId", d.endpoint_id AS "endpointId", d.attempt_count AS "attemptNumber",
              d.series_attempts AS "seriesAttempt", d.series_started_at AS "seriesStartedAt"`;
}
