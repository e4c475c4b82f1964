import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { defineJob } from "@/lib/jobs/define-job";
import { dispatchWebhooks } from "@/lib/webhooks/dispatch-webhooks";

/**
 * Sends due storefront webhooks every second. Runs may overlap (a slow endpoint holds one run for
 * up to the HTTP timeout while the next run serves the others); the claim keeps them apart. Not
 * retried by pg-boss: the next tick is the retry, and each delivery's own backoff lives in its row.
 */
export const webhookDispatchJob = defineJob({
  name: "webhooks.dispatch",
  schema: z.object({}).strict(),
  queue: { retryLimit: 0, expireInSeconds: 300, deleteAfterSeconds: 3600, policy: "standard" },
  concurrency: 2,
  everySeconds: () => 1,
  handler: async (_data, { logger, signal }) => {
    const env = getEnv();
    return dispatchWebhooks(getDb(), { settings: env.webhooks, dataSecret: env.secrets.data, targets: env.webhooks.targets, signal, logger });
  },
});
