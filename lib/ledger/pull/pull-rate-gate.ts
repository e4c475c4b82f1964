import type { Db } from "@/lib/db/client";
import { queryRateKey, reserveQuerySlot, waitUntil } from "@/lib/rate-limit/query-slots";

/**
 * Every Pull Transactions page waits for a slot of the shortcode's shared Daraja query rate
 * (QUERY_RATE_PER_SECOND, the same counter STK status queries use): Daraja's spike arrest counts
 * every call of the app, so pulling must not push the status queries over it. The slots are in
 * real time whatever clock the caller plans windows by.
 */
export interface PullRateGateOptions {
  shortcode: string;
  ratePerSecond: number;
  signal?: AbortSignal;
  /** Give up (the window fails and is asked again) when no slot was free for this long. */
  maxWaitMs?: number;
}

const HORIZON_MS = 5000;
const BUSY_PAUSE_MS = 1000;

export class PullRateLimitBusy extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PullRateLimitBusy";
  }
}

export function pullRateGate(db: Db, { shortcode, ratePerSecond, signal, maxWaitMs = 60_000 }: PullRateGateOptions): () => Promise<void> {
  const key = queryRateKey(shortcode);
  return async () => {
    const giveUpAt = Date.now() + maxWaitMs;
    for (;;) {
      const slot = await reserveQuerySlot(db, { key, ratePerSecond, now: new Date(), horizonMs: HORIZON_MS });
      if (slot) {
        if (!(await waitUntil(slot, signal))) throw new PullRateLimitBusy("the pull was stopped while waiting for its rate slot");
        return;
      }
      if (Date.now() >= giveUpAt) throw new PullRateLimitBusy(`no Daraja query slot for shortcode ${shortcode} within ${maxWaitMs} ms`);
      if (!(await waitUntil(new Date(Date.now() + BUSY_PAUSE_MS), signal))) throw new PullRateLimitBusy("the pull was stopped while waiting for its rate slot");
    }
  };
}
