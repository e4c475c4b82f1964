import type { Db } from "@/lib/db/client";
import { dispatchWebhooks, type DispatchSummary, type DispatchWebhooksOptions } from "@/lib/webhooks/dispatch-webhooks";

export interface DispatchLoop {
  /** Sums of every run's summary so far. */
  totals: DispatchSummary;
  stop(): Promise<void>;
}

/**
 * Runs the dispatcher back to back every `tickMs`, as one worker slot would, but with a finer tick
 * than the production job's second so tests can measure the backoff schedule itself.
 */
export function startDispatchLoop(db: Db, options: DispatchWebhooksOptions, tickMs = 50): DispatchLoop {
  const totals: DispatchSummary = { succeeded: 0, retrying: 0, failed: 0, superseded: 0, expired: 0, parked: 0, endpointsDisabled: 0 };
  let stopped = false;
  const running = (async () => {
    while (!stopped) {
      const summary = await dispatchWebhooks(db, options);
      for (const key of Object.keys(totals) as (keyof DispatchSummary)[]) totals[key] += summary[key];
      await new Promise((r) => setTimeout(r, tickMs));
    }
  })();
  return {
    totals,
    async stop() {
      stopped = true;
      await running;
    },
  };
}
