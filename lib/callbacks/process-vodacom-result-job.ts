import { CallbackNotMatchedYetError } from "@/lib/callbacks/callback-not-matched-yet-error";
import { processVodacomResult } from "@/lib/callbacks/process-vodacom-result";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { defineJob } from "@/lib/jobs/define-job";
import { PROCESS_CALLBACK_RETRY_LIMIT } from "@/lib/jobs/queues/process-callback-queue";
import { processVodacomResultQueue } from "@/lib/jobs/queues/process-vodacom-result-queue";

/** Applies one stored Vodacom result (lib/callbacks/process-vodacom-result.ts); safe to run twice. */
export const processVodacomResultJob = defineJob({
  ...processVodacomResultQueue,
  handler: async (data, { retryCount, logger }) => {
    const env = getEnv();
    const result = await processVodacomResult(getDb(), {
      callbackLogId: BigInt(data.callbackLogId), callbackSecret: env.secrets.callback, unmatchedRetrySeconds: env.callbacks.unmatchedRetrySeconds,
      windowStartedAt: data.windowStartedAt ? new Date(data.windowStartedAt) : undefined, finalAttempt: retryCount >= PROCESS_CALLBACK_RETRY_LIMIT, logger,
    });
    if (result.outcome === "RETRY") throw new CallbackNotMatchedYetError(result.reason);
    return result;
  },
});
