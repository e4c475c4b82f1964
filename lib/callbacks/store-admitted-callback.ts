import type { PgBoss } from "pg-boss";
import type { CallbackKind, PrismaClient } from "@/lib/generated/prisma/client";
import { getSenderBoss } from "@/lib/jobs/boss";
import { ensureQueue } from "@/lib/jobs/ensure-queue";
import { callbackQueueFor } from "@/lib/jobs/queues/callback-queues";
import { sendJob } from "@/lib/jobs/send-job";

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
 * Inserts the callback's row and queues its processing job in one transaction, once per spool id:
 * a second attempt (the route timed out while its insert still committed, a drain repeated after a
 * crash, two drainers at once) finds the row and queues nothing. A conflicting insert still in
 * flight is waited for by PostgreSQL's unique index, so there is no window for a double.
 */
export async function storeAdmittedCallback(db: PrismaClient, { callback, windowStartedAt, boss }: StoreAdmittedCallbackOptions): Promise<{ callbackLogId: bigint; inserted: boolean }> {
  const sender = boss ?? (await getSenderBoss());
  const queue = callbackQueueFor(callback.kind);
  await ensureQueue(sender, queue);
  const c = callback;
  return db.$transaction(async (tx) => {
    const inserted = await tx.$queryRaw<{ id: bigint }[]>`
      INSERT INTO callback_logs (spool_id, kind, received_at, token, body, headers, source_ip, ip_allowed, token_valid)
      VALUES (${c.spoolId}, ${c.kind}::"CallbackKind", ${c.receivedAt}, ${c.token}, ${c.body}, ${JSON.stringify(c.headers)}::jsonb, ${c.sourceIp}, ${c.ipAllowed}, ${c.tokenValid})
      ON CONFLICT (spool_id) DO NOTHING
      RETURNING id`;
    if (inserted.length === 0) {
      const existing = await tx.callbackLog.findUniqueOrThrow({ where: { spoolId: c.spoolId }, select: { id: true } });
      return { callbackLogId: existing.id, inserted: false };
    }
    const callbackLogId = inserted[0]!.id;
    await sendJob(
      queue,
      { callbackLogId: String(callbackLogId), ...(windowStartedAt ? { windowStartedAt: windowStartedAt.toISOString() } : {}) },
      { tx, boss: sender },
    );
    return { callbackLogId, inserted: true };
  });
}
