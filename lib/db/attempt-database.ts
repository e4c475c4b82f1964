import { DatabaseTimeoutError, isDatabaseUnreachable } from "@/lib/db/is-database-unreachable";
import type { OutageCircuit } from "@/lib/db/outage-circuit";

export type DatabaseAttempt<T> = { ok: true; value: T } | { ok: false; reason: string };

export interface AttemptDatabaseOptions {
  circuit: OutageCircuit;
  /** Longest wait for an answer; past it the database counts as unreachable for this call. */
  timeoutMs: number;
}

/**
 * Runs `work` against the database unless the circuit says it is down, within a deadline. An outage
 * (unreachable, connection lost, deadline passed) is returned as `{ ok: false }` for the caller to
 * fall back on; any other error means the database answered, and is thrown. Work that outlives its
 * deadline is left to finish or fail on its own: callers make it safe to repeat (see storeAdmittedCallback).
 */
export async function attemptDatabase<T>(work: () => Promise<T>, { circuit, timeoutMs }: AttemptDatabaseOptions): Promise<DatabaseAttempt<T>> {
  if (!circuit.allow()) return { ok: false, reason: "PostgreSQL failed moments ago; not retried yet" };
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
    if (!isDatabaseUnreachable(error)) {
      circuit.succeeded();
      throw error;
    }
    circuit.failed();
    return { ok: false, reason: error instanceof Error ? error.message.trim().split("\n").at(-1)! : String(error) };
  } finally {
    clearTimeout(timer);
  }
}
