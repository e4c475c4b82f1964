import { DatabaseTimeoutError, isDatabaseUnreachable } from "@/lib/db/is-database-unreachable";
import type { OutageCircuit } from "@/lib/db/outage-circuit";

/** `outage`: PostgreSQL could not be used at all; otherwise it answered, and refused the work. */
export type DatabaseAttempt<T> = { ok: true; value: T } | { ok: false; reason: string; outage: boolean; error: unknown };

export interface AttemptDatabaseOptions {
  circuit: OutageCircuit;
  /** Longest wait for an answer; past it the database counts as unreachable for this call. */
  timeoutMs: number;
}

/**
 * Runs `work` against the database unless the circuit says it is down, within a deadline, and never
 * throws: whatever goes wrong is returned as `{ ok: false }` for the caller to fall back on, because
 * a fallback that only covers connection errors leaves everything else (a read-only primary after a
 * failover, a permission or schema error in the job queue) to fail the request. Only an outage
 * (unreachable, connection lost, deadline passed) opens the circuit; an error PostgreSQL answered
 * with proves it is up. Work that outlives its deadline is left to finish or fail on its own:
 * callers make it safe to repeat (see storeAdmittedCallback).
 */
export async function attemptDatabase<T>(work: () => Promise<T>, { circuit, timeoutMs }: AttemptDatabaseOptions): Promise<DatabaseAttempt<T>> {
  if (!circuit.allow()) return { ok: false, reason: "PostgreSQL failed moments ago; not retried yet", outage: true, error: null };
  let timer: NodeJS.Timeout | undefined;
  const running = Promise.resolve().then(work);
  // A late failure, after the deadline answered, must not become an unhandled rejection.
  running.catch(() => undefined);
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DatabaseTimeoutError(timeoutMs)), timeoutMs);
  });
  try {
    const value = await Promise.race([running, deadline]);
    circuit.succeeded();
    return { ok: true, value };
  } catch (error) {
    const outage = isDatabaseUnreachable(error);
    if (outage) circuit.failed();
    else circuit.succeeded();
    return { ok: false, reason: error instanceof Error ? error.message.trim().split("\n").at(-1)! : String(error), outage, error };
  } finally {
    clearTimeout(timer);
  }
}
