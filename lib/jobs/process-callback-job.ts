import { z } from "zod";
import { processStkCallback } from "@/lib/callbacks/process-stk-callback";
import { unknownOutcomeMatchSettings } from "@/lib/callbacks/unknown-outcome-match";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { defineJob } from "@/lib/jobs/define-job";

/** Retries cover the longest unmatched window (1 h) with delays capped at 30 s; the last one parks. */
export const PROCESS_CALLBACK_RETRY_LIMIT = 150;

export class CallbackNotMatchedYetError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = "CallbackNotMatchedYetError";
  }
}

/**
 * Applies one stored callback to its payment. Safe to run twice: the callback's row is locked and
 * its outcome checked first. A callback that matches no payment yet is retried with backoff until
 * CALLBACK_UNMATCHED_RETRY_SECONDS have passed, then parked as UNMATCHED.
 */
export const processCallbackJob = defineJob({
  name: "callbacks.process",
  schema: z.strictObject({
    callbackLogId: z.string().regex(/^\d{1,19}$/),
    /** Set when an admin re-queues a parked callback: its unmatched window starts again. */
    windowStartedAt: z.iso.datetime().optional(),
  }),
  // A callback takes milliseconds. The worker beats every 5 s for jobs in hand, so a job silent for
  // 10 s belongs to a dead worker (SIGKILL, lost host) and is retried at the next supervise pass;
  // expireInSeconds still bounds a live handler that hangs.
  queue: { retryLimit: PROCESS_CALLBACK_RETRY_LIMIT, retryDelay: 1, retryBackoff: true, retryDelayMax: 30, expireInSeconds: 120, heartbeatSeconds: 10 },
  handler: async (data, { retryCount, logger }) => {
    const env = getEnv();
    const result = await processStkCallback(getDb(), {
      callbackLogId: BigInt(data.callbackLogId),
      callbackSecret: env.secrets.callback,
      unmatchedRetrySeconds: env.callbacks.unmatchedRetrySeconds,
      windowStartedAt: data.windowStartedAt ? new Date(data.windowStartedAt) : undefined,
      finalAttempt: retryCount >= PROCESS_CALLBACK_RETRY_LIMIT,
      unknownOutcomeMatch: unknownOutcomeMatchSettings(env),
      logger,
    });
    if (result.outcome === "RETRY") throw new CallbackNotMatchedYetError(result.reason);
    return result;
  },
});
