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
  // One fetch loop taking up to 16 at a time: every stored callback raises a NOTIFY that wakes
  // every loop of the queue, so at a steady 100/s four loops mostly fetched one job each (a fetch,
  // a lanes read and a completion per callback) and fell behind: callback → final p95 1.2 s with
  // four loops of 8, 240–320 ms with two of 16, 41–46 ms with one of 16 (`npm run bench -- final`).
  // A batch waits for its slowest lane, so a callback stuck on a lock holds this worker's others
  // until it is done or expires: more worker processes, not more loops, are the way to scale.
  concurrency: 1,
  batchSize: 16,
});
