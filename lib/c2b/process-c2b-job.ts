import { processC2bConfirmation } from "@/lib/c2b/process-c2b-confirmation";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { defineJob } from "@/lib/jobs/define-job";
import { processC2bQueue } from "@/lib/jobs/queues/process-c2b-queue";

/** Applies one stored C2B confirmation (lib/c2b/process-c2b-confirmation.ts); safe to run twice. */
export const processC2bJob = defineJob({
  ...processC2bQueue,
  handler: async (data, { logger }) => processC2bConfirmation(getDb(), { callbackLogId: BigInt(data.callbackLogId), env: getEnv(), logger }),
});
