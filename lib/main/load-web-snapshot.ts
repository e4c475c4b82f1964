import type { PgBoss } from "pg-boss";
import type { Db } from "@/lib/db/client";
import { getBacklog } from "@/lib/health/get-backlog";
import { readPaymentCounts } from "@/lib/payments/read-payment-counts";
import type { WebSnapshot } from "@/lib/main/web-gauges";

export interface LoadWebSnapshotOptions {
  db: Db;
  spoolDir: string;
  boss: () => Promise<Pick<PgBoss, "getQueues">>;
  now?: Date;
  timeoutMs?: number;
}

/**
 * Reads the web gauges' sources. PostgreSQL down leaves the payment, queue and endpoint gauges out
 * (and counts the failure); the spool is read from disk and always reported, since it is what grows
 * during an outage.
 */
export async function loadWebSnapshot({ db, spoolDir, boss, now = new Date(), timeoutMs = 3000 }: LoadWebSnapshotOptions): Promise<WebSnapshot> {
  let payments: WebSnapshot["payments"];
  try {
    payments = await within(readPaymentCounts(db, { now }), timeoutMs);
  } catch (error) {
    payments = { error: error instanceof Error ? error.message.split("\n")[0]! : "failed" };
  }
  const backlog = await getBacklog({ db, spoolDir, databaseUp: !("error" in payments), boss, timeoutMs });
  return { payments, backlog };
}

function within<T>(work: Promise<T>, ms: number): Promise<T> {
  return Promise.race([work, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms).unref())]);
}
