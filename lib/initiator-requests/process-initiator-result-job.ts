import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { processInitiatorResult } from "@/lib/initiator-requests/process-initiator-result";
import { defineJob } from "@/lib/jobs/define-job";
import { processInitiatorResultQueue } from "@/lib/jobs/queues/process-initiator-result-queue";

/** Reads one stored Transaction Status result into its request and the ledger; safe to run twice. */
export const processInitiatorResultJob = defineJob({
  ...processInitiatorResultQueue,
  handler: async (data, { logger }) => processInitiatorResult(getDb(), { callbackLogId: BigInt(data.callbackLogId), env: getEnv(), logger }),
});
