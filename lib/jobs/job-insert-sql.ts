/**
 * pg-boss's `send(queue, data)` written as SQL to embed in a statement of our own, so that a row and
 * the job that processes it are written by one statement (one round trip) instead of a transaction
 * around pg-boss's own insert. It is `plans.insertJobs` of pg-boss 12 for one job sent with no
 * options: every option (retries, delays, backoff, expiry, retention, deletion, heartbeat, policy,
 * dead letter) is read from the queue's row in pg-boss's queue table by the statement itself, as
 * pg-boss fills a send's defaults, and the NOTIFY that wakes workers of a `notify` queue is raised
 * the way pg-boss raises it. `job-insert-sql.int.test.ts` compares these rows with `boss.send`'s
 * column by column and has a real worker run both: a pg-boss upgrade that changes its job table,
 * its insert or its channel fails there.
 */

/** pg-boss's default schema; `createBoss` names no other. */
export const PGBOSS_SCHEMA = "pgboss";

// pg-boss's notifyChannelSql: the channel its listener derives from the schema name.
const NOTIFY_CHANNEL = `('pgboss_' || left(encode(sha224('${PGBOSS_SCHEMA}'::bytea), 'hex'), 24))`;

export interface JobInsertCtesOptions {
  /** SQL for the queue's name, typically a parameter: `$10::text`. */
  queue: string;
  /** SQL for one job's data (jsonb), over a row of `from`. */
  data: string;
  /** A CTE of the same statement: each of its rows gets one job. */
  from: string;
}

/**
 * Two CTEs for a `WITH` list: `queued_jobs` inserts one job per row of `from`, and `woken_workers`
 * raises one NOTIFY when any of them is runnable now. PostgreSQL skips a SELECT CTE no part of the
 * statement reads, so the statement must read `woken_workers` (e.g. `WHERE (SELECT count(*) FROM
 * woken_workers) >= 0`); the insert runs whether read or not.
 *
 * The row goes to pg-boss's partitioned `job` table, which routes it by queue name to the table
 * pg-boss itself writes (`job_common`, or the queue's own with `partition: true`). The queue is
 * LEFT JOINed and nothing falls back to a constant: a job for a queue that does not exist has no
 * retry limit, breaks its NOT NULL, and fails the whole statement instead of leaving a row without
 * its job. pg-boss's ON CONFLICT DO NOTHING is left out for the same reason: a policy's unique index
 * refusing the job must fail the row with it (the callback queues are `standard`, which has none).
 * Trace context is pg-boss's only for OpenTelemetry, which Malipo does not run: null, as `send` writes it.
 */
export function jobInsertCtes({ queue, data, from }: JobInsertCtesOptions): string {
  const s = PGBOSS_SCHEMA;
  return `
  queued_jobs AS (
    INSERT INTO ${s}.job (
      id, name, data, priority, start_after, created_on, singleton_key, singleton_on, group_id, group_tier,
      expire_seconds, deletion_seconds, keep_until, retry_limit, retry_delay, retry_backoff, retry_delay_max,
      policy, dead_letter, heartbeat_seconds, blocked, blocking, pending_dependencies, trace_context
    )
    SELECT gen_random_uuid(), ${queue}, ${data}, 0, ${s}.job_now(), ${s}.job_now(), NULL, NULL, NULL, NULL,
           q.expire_seconds, q.deletion_seconds, ${s}.job_now() + q.retention_seconds * interval '1s',
           q.retry_limit, q.retry_delay, q.retry_backoff, q.retry_delay_max,
           q.policy, q.dead_letter, q.heartbeat_seconds, false, false, 0, NULL
      FROM ${from} LEFT JOIN ${s}.queue q ON q.name = ${queue}
    RETURNING name, start_after
  ),
  woken_workers AS (
    SELECT pg_notify(${NOTIFY_CHANNEL}, j.name)
      FROM queued_jobs j JOIN ${s}.queue q ON q.name = j.name AND q.notify
     WHERE j.start_after <= ${s}.job_now()
     LIMIT 1
  )`;
}

/**
 * Whether PostgreSQL's refusal came from pg-boss's tables (a constraint of the job row, such as a
 * missing queue's NOT NULL) rather than from the caller's own row: the caller's row is not at fault,
 * and the same write can succeed once the queue is fixed.
 */
export function isJobTableRefusal(error: unknown): boolean {
  return (error as { schema?: unknown } | null)?.schema === PGBOSS_SCHEMA;
}
