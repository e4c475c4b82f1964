import { PgBoss } from "pg-boss";
import { getEnv } from "@/lib/env";
import { createLogger } from "@/lib/logger";

const log = createLogger("jobs");

export interface BossOptions {
  databaseUrl: string;
  /** Workers supervise (maintenance, cron); web processes only send. */
  role: "worker" | "sender";
  max?: number;
  /** How often a worker's supervisor fails jobs that expired or whose worker stopped beating (pg-boss default 60). */
  superviseIntervalSeconds?: number;
}

export function createBoss({ databaseUrl, role, max, superviseIntervalSeconds }: BossOptions): PgBoss {
  const boss = new PgBoss({
    connectionString: databaseUrl,
    max: max ?? (role === "worker" ? 10 : 4),
    supervise: role === "worker",
    // The monitor pass (expiry, missed heartbeats) runs at the slower of the two intervals.
    ...(superviseIntervalSeconds ? { superviseIntervalSeconds, monitorIntervalSeconds: superviseIntervalSeconds } : {}),
    schedule: role === "worker",
    // NOTIFY wakes a worker the moment a job is queued: callbacks are applied in milliseconds,
    // with polling kept as the floor when the listener is unavailable.
    useListenNotify: role === "worker",
  });
  boss.on("error", (error: Error) => log.error({ err: error }, "pg-boss error"));
  return boss;
}

// Web processes share one started sender instance.
const holder = globalThis as unknown as { __malipoBoss?: Promise<PgBoss> };

export function getSenderBoss(): Promise<PgBoss> {
  holder.__malipoBoss ??= (async () => {
    const boss = createBoss({ databaseUrl: getEnv().database.url, role: "sender" });
    await boss.start();
    return boss;
  })().catch((error) => {
    holder.__malipoBoss = undefined;
    throw error;
  });
  return holder.__malipoBoss;
}

export async function stopSenderBoss(): Promise<void> {
  const pending = holder.__malipoBoss;
  holder.__malipoBoss = undefined;
  if (pending) await (await pending).stop({ graceful: false, close: true });
}
