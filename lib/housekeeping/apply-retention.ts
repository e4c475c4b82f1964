import type { Db } from "@/lib/db/client";
import type { Env } from "@/lib/env";
import { purgeOldCallbacks } from "@/lib/housekeeping/purge-old-callbacks";
import { purgeOldWebhookAttempts } from "@/lib/housekeeping/purge-old-webhook-attempts";
import { redactCallbackBodies } from "@/lib/housekeeping/redact-callback-bodies";

export interface ApplyRetentionOptions {
  settings: Env["retention"];
  now?: Date;
  batchSize?: number;
  /** Checked before every batch; what is left is done by the next run. */
  shouldContinue?: () => boolean;
}

export interface RetentionResult {
  refusedCallbacksDeleted: number;
  invalidCallbacksDeleted: number;
  callbacksKeptForReceipt: number;
  callbackBodiesRedacted: number;
  webhookAttemptsDeleted: number;
}

const DAY_MS = 24 * 3600_000;

/**
 * The RETENTION_* settings, applied: refused callbacks, parked (invalid or unmatched) callbacks and
 * webhook attempts are deleted after their period, and the phone numbers in settled payments'
 * callback bodies masked. 0 days keeps a kind forever. Nothing still needed goes: a callback not yet
 * processed, a callback of a payment still open or in review, the only trace of an M-Pesa receipt,
 * the attempts of a delivery still being retried. Each batch is a short statement of its own, so no
 * lock is held for long.
 */
export async function applyRetention(db: Db, { settings, now = new Date(), batchSize = 500, shouldContinue = () => true }: ApplyRetentionOptions): Promise<RetentionResult> {
  const before = (days: number) => new Date(now.getTime() - days * DAY_MS);
  const common = { batchSize, shouldContinue };
  const refused = settings.refusedCallbackDays > 0
    ? await purgeOldCallbacks(db, { ...common, outcomes: ["REJECTED"], before: before(settings.refusedCallbackDays) })
    : { deleted: 0, keptForReceipt: 0 };
  const invalid = settings.invalidCallbackDays > 0
    ? await purgeOldCallbacks(db, { ...common, outcomes: ["INVALID", "UNMATCHED"], before: before(settings.invalidCallbackDays) })
    : { deleted: 0, keptForReceipt: 0 };
  const callbackBodiesRedacted = settings.callbackBodyDays > 0
    ? await redactCallbackBodies(db, { ...common, now, before: before(settings.callbackBodyDays) })
    : 0;
  const webhookAttemptsDeleted = settings.webhookAttemptDays > 0
    ? await purgeOldWebhookAttempts(db, { ...common, before: before(settings.webhookAttemptDays) })
    : 0;
  return {
    refusedCallbacksDeleted: refused.deleted,
    invalidCallbacksDeleted: invalid.deleted,
    callbacksKeptForReceipt: refused.keptForReceipt + invalid.keptForReceipt,
    callbackBodiesRedacted,
    webhookAttemptsDeleted,
  };
}
