import { randomBytes } from "node:crypto";
import os from "node:os";
import { runAlertCycle } from "@/lib/alerts/run-alert-cycle";
import type { Env } from "@/lib/env";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createLogger } from "@/lib/logger";
import { countSpool } from "@/lib/callbacks/spool/count-spool";

const log = createLogger("alerts");
const HEARTBEAT_INTERVAL_MS = 15_000;
// Rows of web processes gone for a week with nothing in their spool say nothing any more.
const FORGET_AFTER_MS = 7 * 24 * 3600_000;

export interface WebHeartbeatIdentity {
  id: string;
  hostname: string;
  pid: number;
  spoolDir: string;
  startedAt: Date;
}

/**
 * Writes this web process's spool (from its own disk) into PostgreSQL, where the alert conditions
 * read every host's. An older row of the same host and folder is replaced (a restart), and rows of
 * hosts long gone with an empty spool are forgotten.
 */
export async function reportWebHeartbeat(db: PrismaClient, me: WebHeartbeatIdentity, now: Date): Promise<void> {
  const spool = await countSpool(me.spoolDir);
  const report = { spoolPending: spool.pending, spoolQuarantined: spool.quarantined, lastSeenAt: now };
  await db.webHeartbeat.upsert({ where: { id: me.id }, create: { ...me, ...report }, update: report });
  await db.webHeartbeat.deleteMany({
    where: { id: { not: me.id }, OR: [
      { hostname: me.hostname, spoolDir: me.spoolDir, lastSeenAt: { lt: me.startedAt } },
      { lastSeenAt: { lt: new Date(now.getTime() - FORGET_AFTER_MS) }, spoolPending: 0, spoolQuarantined: 0 },
    ] },
  });
}

/**
 * One beat of the web process: report the spool, and if no worker is alive (WORKER_HEARTBEAT_STALE_SECONDS)
 * run the alert cycle here — alerts are a worker job, so "no worker" could otherwise never be told.
 * Several web processes may do this at once: the evaluation applies under a lock and notifications
 * are claimed, so nothing is sent twice. Returns whether it ran the cycle.
 */
export async function webHeartbeatTick(db: PrismaClient, { me, env, now, lastCycleAt }: { me: WebHeartbeatIdentity; env: Env; now: Date; lastCycleAt: Date | null }): Promise<boolean> {
  await reportWebHeartbeat(db, me, now);
  const since = new Date(now.getTime() - env.worker.heartbeatStaleSeconds * 1000);
  const workers = await db.workerHeartbeat.count({ where: { lastSeenAt: { gte: since } } });
  if (workers > 0) return false;
  if (lastCycleAt && now.getTime() - lastCycleAt.getTime() < env.alerts.evaluateIntervalSeconds * 1000) return false;
  await runAlertCycle(db, { env, now, logger: log });
  return true;
}

/**
 * The web server's background beat (lib/web/serve-web.ts): every 15 s, on the process's own client
 * (a beat takes one connection for a few milliseconds; a client of its own would cost the process
 * a second query compiler to load, at start, while the first requests wait).
 */
export function startWebHeartbeat(env: Env, db: PrismaClient): { firstBeat: Promise<void>; stop(): Promise<void> } {
  const me: WebHeartbeatIdentity = {
    id: `${os.hostname()}-${process.pid}-${randomBytes(3).toString("hex")}`, hostname: os.hostname(), pid: process.pid, spoolDir: env.callbacks.spoolDir, startedAt: new Date(),
  };
  let lastCycleAt: Date | null = null;
  let current: Promise<void> = Promise.resolve();
  const tick = () => {
    current = (async () => {
      const now = new Date();
      if (await webHeartbeatTick(db, { me, env, now, lastCycleAt })) {
        lastCycleAt = now;
        log.warn({ web: me.id }, "no worker is alive: this web process evaluated and sent the alerts");
      }
    })().catch((error: unknown) => log.warn({ err: error }, "web heartbeat failed; retrying"));
  };
  tick();
  const firstBeat = current;
  const timer = setInterval(tick, HEARTBEAT_INTERVAL_MS);
  timer.unref();
  return {
    firstBeat,
    async stop() {
      clearInterval(timer);
      await current;
      // A spool left with files keeps its report, so its alert stays open while the files wait.
      const spool = await countSpool(me.spoolDir).catch(() => null);
      if (spool && spool.pending === 0 && spool.quarantined === 0) await db.webHeartbeat.delete({ where: { id: me.id } }).catch(() => undefined);
    },
  };
}
