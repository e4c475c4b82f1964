import type { PgBoss } from "pg-boss";
import { pgPoolOf } from "@/lib/db/client";
import type { CallbackKind, PrismaClient } from "@/lib/generated/prisma/client";
import { getSenderBoss } from "@/lib/jobs/boss";
import { ensureQueue } from "@/lib/jobs/ensure-queue";
import { isJobTableRefusal, jobInsertCtes } from "@/lib/jobs/job-insert-sql";
import { callbackQueueFor } from "@/lib/jobs/queues/callback-queues";

/**
 * A callback request with a valid token, kept whole and queued for processing, as the route saw it.
 * Its address may have been refused (`ipAllowed` false): processing then files it REJECTED until an
 * admin accepts its source.
 */
export interface AdmittedCallback {
  /** The request's own id, chosen on arrival: stored as `spool_id`, it makes storing it idempotent. */
  spoolId: string;
  /** Which notification it is: decides the queue that processes it. */
  kind: CallbackKind;
  receivedAt: Date;
  token: string;
  body: string;
  headers: Record<string, string>;
  sourceIp: string;
  ipAllowed: boolean;
  tokenValid: boolean;
}

export interface StoreAdmittedCallbackOptions {
  callback: AdmittedCallback;
  /** Start of the unmatched window when it is not the arrival (a callback drained from the spool). */
  windowStartedAt?: Date;
  boss?: PgBoss;
}

/**
 * The row and its processing job in one autocommitted statement: the insert, the job for the row it
 * inserted (none when the spool id is already stored), pg-boss's NOTIFY, and on a conflict the
 * stored row's id. The unique index on spool_id makes an insert wait for a conflicting one still in
 * flight, which then conflicts; that row committed after this statement's snapshot, so only then is
 * no id returned, and the statement is run again (it now sees the row).
 */
const STORE_CALLBACK_SQL = `
  WITH stored AS (
    INSERT INTO callback_logs (spool_id, kind, received_at, token, body, headers, source_ip, ip_allowed, token_valid)
    VALUES ($1, $2::"CallbackKind", $3, $4, $5, $6::jsonb, $7, $8, $9)
    ON CONFLICT (spool_id) DO NOTHING
    RETURNING id
  ),
  ${jobInsertCtes({ queue: "$10::text", data: "jsonb_build_object('callbackLogId', stored.id::text) || $11::jsonb", from: "stored" })}
  SELECT id, true AS inserted FROM stored WHERE (SELECT count(*) FROM woken_workers) >= 0
  UNION ALL
  SELECT id, false FROM callback_logs WHERE spool_id = $1 AND NOT EXISTS (SELECT FROM stored)`;

// A retry per conflicting insert that was still in flight: two are already a coincidence.
const MAX_RUNS = 3;

/**
 * Stores the callback's row and queues its processing job together, once per spool id, in one round
 * trip on the Prisma client's pg pool: a second attempt (the route timed out while its insert still
 * committed, a drain repeated after a crash, two drainers at once) finds the row and queues nothing.
 * The queue is made sure of once per process (a web process may take a callback before any worker
 * ever ran), so after the first callback nothing but the statement is on this path.
 */
export async function storeAdmittedCallback(db: PrismaClient, { callback, windowStartedAt, boss }: StoreAdmittedCallbackOptions): Promise<{ callbackLogId: bigint; inserted: boolean }> {
  const queue = callbackQueueFor(callback.kind);
  await ensureQueue(boss ?? (await getSenderBoss()), queue);
  const c = callback;
  // The job's payload (the queue's schema) but the row's id, which the statement adds.
  const extra = windowStartedAt ? { windowStartedAt: windowStartedAt.toISOString() } : {};
  const values = [c.spoolId, c.kind, c.receivedAt, c.token, c.body, JSON.stringify(c.headers), c.sourceIp, c.ipAllowed, c.tokenValid, queue.name, JSON.stringify(extra)];
  const pool = pgPoolOf(db);
  for (let run = 1; run <= MAX_RUNS; run++) {
    const { rows } = await pool.query<{ id: string; inserted: boolean }>({ text: STORE_CALLBACK_SQL, values }).catch(rethrowRefusal);
    if (rows[0]) return { callbackLogId: BigInt(rows[0].id), inserted: rows[0].inserted };
  }
  throw new Error(`callback ${c.spoolId} conflicted with a stored row ${MAX_RUNS} times and none could be read`);
}

/**
 * PostgreSQL echoes a row it refuses in the error's detail ("Failing row contains (…)"), the token
 * and body included: that is dropped, since the error is logged. pg-boss's tables refusing the job
 * is no fault of the callback's, so it must not read as a refusal of the row (which a drain
 * quarantines).
 */
function rethrowRefusal(error: unknown): never {
  const e = error as { detail?: unknown } | null;
  if (typeof e?.detail === "string" && e.detail.startsWith("Failing row contains")) e.detail = "Failing row contains (values not logged)";
  if (isJobTableRefusal(error)) throw new Error(`pg-boss refused the callback's processing job: ${(error as Error).message}`, { cause: error });
  throw error;
}
