import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createLogger } from "@/lib/logger";
import { drainSpool } from "@/lib/callbacks/spool/drain-spool";
import { listSpool } from "@/lib/callbacks/spool/read-spool";

export interface SpoolDrainerOptions {
  dir: string;
  /** Its own small pool (serve-web.ts makes it), so a drain never takes the callback route's connections. */
  db: PrismaClient;
  intervalMs: number;
}

export interface SpoolDrainer {
  /** Settles when the first round at start is over (stored what it could, or found the database down). */
  readonly firstRound: Promise<void>;
  /** Waits for a drain in progress, then stops; the spool stays for the next start. */
  stop(): Promise<void>;
}

const log = createLogger("spool");
// While PostgreSQL stays away, say so once a minute rather than at every attempt.
const WAITING_LOG_INTERVAL_MS = 60_000;

/**
 * The web process's background drain: at start (a spool left by a previous run, or by another web
 * process sharing the folder) and then every `intervalMs`, whatever the spool holds is stored, back
 * to back while entries keep moving. The caller owns the client and closes it after `stop`.
 */
export function startSpoolDrainer({ dir, db, intervalMs }: SpoolDrainerOptions): SpoolDrainer {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> = Promise.resolve();
  let waitingSince: number | null = null;
  let lastWaitingLog = 0;
  let drained = 0;

  const round = async (): Promise<boolean> => {
    const waiting = (await listSpool(dir)).length;
    if (waiting === 0) return false;
    const summary = await drainSpool(db, { dir });
    const moved = summary.stored + summary.alreadyStored + summary.quarantined;
    drained += summary.stored;
    if (summary.stopped) {
      waitingSince ??= Date.now();
      if (Date.now() - lastWaitingLog >= WAITING_LOG_INTERVAL_MS) {
        lastWaitingLog = Date.now();
        log.warn({ waiting: waiting - moved, since: new Date(waitingSince).toISOString(), reason: summary.stopped.reason, err: summary.stopped.error }, "callback spool cannot be drained yet; retrying");
      }
    } else if (moved < waiting) {
      return true;
    } else {
      log.info({ stored: drained, outageSeconds: waitingSince ? Math.round((Date.now() - waitingSince) / 1000) : 0 }, "callback spool drained");
      waitingSince = null;
      lastWaitingLog = 0;
      drained = 0;
    }
    return moved > 0 && !summary.stopped;
  };

  const tick = () => {
    current = round()
      .catch((error: unknown) => {
        log.error({ err: error, dir }, "callback spool drain failed; retrying");
        return false;
      })
      .then((again) => {
        if (!stopped) timer = setTimeout(tick, again ? 0 : intervalMs);
      });
  };
  tick();
  const firstRound = current;

  return {
    firstRound,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await current;
    },
  };
}
