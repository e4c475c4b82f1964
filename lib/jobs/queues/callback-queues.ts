import type { CallbackKind } from "@/lib/generated/prisma/client";
import type { JobDefinition } from "@/lib/jobs/define-job";
import { processC2bQueue } from "@/lib/jobs/queues/process-c2b-queue";
import { processCallbackQueue } from "@/lib/jobs/queues/process-callback-queue";
import { processInitiatorResultQueue } from "@/lib/jobs/queues/process-initiator-result-queue";
import { processVodacomResultQueue } from "@/lib/jobs/queues/process-vodacom-result-queue";

type CallbackQueue = Pick<JobDefinition<typeof processCallbackQueue.schema>, "name" | "schema" | "queue">;

const QUEUES: Readonly<Record<CallbackKind, CallbackQueue>> = {
  STK: processCallbackQueue,
  C2B_CONFIRMATION: processC2bQueue,
  INITIATOR_RESULT: processInitiatorResultQueue,
  INITIATOR_TIMEOUT: processInitiatorResultQueue,
  VODACOM_RESULT: processVodacomResultQueue,
};

/** The processing queue of a stored callback row, by the notification it holds. */
export function callbackQueueFor(kind: CallbackKind): CallbackQueue {
  return QUEUES[kind];
}
