import type { Random } from "@/lib/rails/daraja/simulator/random";

/**
 * Sessions with their activation delay and lifetime, read against the injectable clock so a test
 * can age them without waiting. Ids are 32 hex digits, like Vodacom's.
 */
export type SessionCheck = "ok" | "unknown" | "not-live" | "expired";

export interface SessionStore {
  issue(): string;
  check(sessionId: string): SessionCheck;
  /** Ends every session now (a test's "the session expired mid-run"). */
  expireAll(): number;
  /** How many getSession requests succeeded. */
  issued(): number;
  list(): { createdAt: Date; liveAt: Date; expiresAt: Date }[];
}

const MAX_SESSIONS = 1000;

export function createSessionStore(opts: { random: Random; now: () => Date; lifetimeMs: number; activationDelayMs: number }): SessionStore {
  const sessions = new Map<string, { createdAt: number; liveAt: number; expiresAt: number }>();
  let issued = 0;
  return {
    issue() {
      const at = opts.now().getTime();
      const id = opts.random.chars("0123456789abcdef", 32);
      sessions.set(id, { createdAt: at, liveAt: at + opts.activationDelayMs, expiresAt: at + opts.lifetimeMs });
      issued += 1;
      if (sessions.size > MAX_SESSIONS) {
        const oldest = sessions.keys().next();
        if (!oldest.done) sessions.delete(oldest.value);
      }
      return id;
    },
    check(sessionId) {
      const session = sessions.get(sessionId);
      if (!session) return "unknown";
      const at = opts.now().getTime();
      if (at >= session.expiresAt) return "expired";
      return at < session.liveAt ? "not-live" : "ok";
    },
    expireAll() {
      const at = opts.now().getTime();
      let count = 0;
      for (const session of sessions.values()) {
        if (session.expiresAt > at) count += 1;
        session.expiresAt = Math.min(session.expiresAt, at);
      }
      return count;
    },
    issued: () => issued,
    list: () => [...sessions.values()].map((s) => ({ createdAt: new Date(s.createdAt), liveAt: new Date(s.liveAt), expiresAt: new Date(s.expiresAt) })),
  };
}
