import { z } from "zod";
import { runAlertCycle } from "@/lib/alerts/run-alert-cycle";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { defineJob } from "@/lib/jobs/define-job";

/**
 * Every ALERT_EVALUATE_INTERVAL_SECONDS, on one worker at a time: evaluate the alert conditions
 * and send due notifications. Not retried: the next run is the retry (and the notifications keep
 * their own backoff). While no worker runs, the web processes do this instead (web-heartbeat.ts).
 */
export const alertsJob = defineJob({
  name: "alerts.evaluate",
  schema: z.object({}).strict(),
  queue: { retryLimit: 0, expireInSeconds: 300, deleteAfterSeconds: 3600, policy: "standard" },
  concurrency: 1,
  batchSize: 1,
  everySeconds: (env) => env.alerts.evaluateIntervalSeconds,
  handler: async (_data, { logger }) => {
    const { evaluation, delivery } = await runAlertCycle(getDb(), { env: getEnv(), logger });
    if (evaluation.applied && (evaluation.opened || evaluation.resolved || evaluation.reminded)) logger.info({ ...evaluation, ...delivery }, "alerts evaluated");
    return { ...evaluation, ...delivery };
  },
});
