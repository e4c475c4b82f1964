/**
 * Remembers that PostgreSQL just failed, so that for a few seconds callers skip it instead of each
 * waiting for their own connection attempt to fail: during an outage the callback route answers from
 * the spool in milliseconds. After the hold, one caller at a time probes the database; its success
 * closes the circuit for everyone.
 */
export interface OutageCircuit {
  /** Whether to try the database now; false while it is believed down and another caller is probing. */
  allow(): boolean;
  succeeded(): void;
  failed(): void;
  readonly open: boolean;
}

export const OUTAGE_HOLD_MS = 3000;

export function createOutageCircuit({ holdMs = OUTAGE_HOLD_MS, now = Date.now }: { holdMs?: number; now?: () => number } = {}): OutageCircuit {
  let open = false;
  let openUntil = 0;
  let probing = false;
  return {
    allow() {
      if (!open) return true;
      if (probing || now() < openUntil) return false;
      probing = true;
      return true;
    },
    succeeded() {
      open = false;
      probing = false;
    },
    failed() {
      open = true;
      probing = false;
      openUntil = now() + holdMs;
    },
    get open() {
      return open;
    },
  };
}

// One per process, on globalThis: Next's bundle and the plain Node server load this module separately.
const holder = globalThis as unknown as { __malipoCallbackCircuit?: OutageCircuit };

/** The circuit the callback route shares across requests. */
export function callbackDatabaseCircuit(): OutageCircuit {
  holder.__malipoCallbackCircuit ??= createOutageCircuit();
  return holder.__malipoCallbackCircuit;
}
