import { callbackLanes } from "@/lib/callbacks/callback-lanes";
import { CallbackNotMatchedYetError } from "@/lib/callbacks/callback-not-matched-yet-error";
import { processStkCallback } from "@/lib/callbacks/process-stk-callback";
import { unknownOutcomeMatchSettings } from "@/lib/callbacks/unknown-outcome-match";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { defineJob } from "@/lib/jobs/define-job";
import { PROCESS_CALLBACK_RETRY_LIMIT, processCallbackQueue } from "@/lib/jobs/queues/process-callback-queue";
import { paymentIdOfToken } from "@/lib/rails/callback-token";

/**
 * Applies one stored callback to its payment. Safe to run twice: the callback's row is locked and
 * its outcome checked first. A callback that matches no payment yet is retried with backoff until
 * CALLBACK_UNMATCHED_RETRY_SECONDS have passed, then parked as UNMATCHED. Within a fetched batch,
 * the callbacks of one payment (the one their URL names) run one after another in arrival order;
 * other payments' run side by side.
 */
export const processCallbackJob = defineJob({
  ...processCallbackQueue,
  handler: async (data, { retryCount, logger }) => {
    const env = getEnv();
    const result = await processStkCallback(getDb(), {
      callbackLogId: BigInt(data.callbackLogId),
      callbackSecret: env.secrets.callback,
      unmatchedRetrySeconds: env.callbacks.unmatchedRetrySeconds,
      windowStartedAt: data.windowStartedAt ? new Date(data.windowStartedAt) : undefined,
      finalAttempt: retryCount >= PROCESS_CALLBACK_RETRY_LIMIT,
      unknownOutcomeMatch: unknownOutcomeMatchSettings(env),
      env,
      logger,
    });
    if (result.outcome === "RETRY") throw new CallbackNotMatchedYetError(result.reason);
    return result;
  },
  lanes: (jobs) => callbackLanes(getDb(), jobs, paymentIdOfToken),
});
