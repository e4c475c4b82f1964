import { randomBytes } from "node:crypto";
import type { Db } from "@/lib/db/client";

/**
 * Server-side sessions. The signed session cookie (Auth.js, JWT) carries the id of a row here, and
 * every request checks that row, so a session ends when it is revoked (sign-out, a password
 * change, a disabled account), not only when its cookie expires.
 */

export async function createUserSession(db: Db, { userId, maxAgeSeconds, now = new Date() }: { userId: string; maxAgeSeconds: number; now?: Date }): Promise<string> {
  const id = `ses_${randomBytes(24).toString("base64url")}`;
  // Each sign-in clears the user's sessions that are over, so the table stays small without a job.
  await db.userSession.deleteMany({ where: { userId, OR: [{ expiresAt: { lt: now } }, { revokedAt: { not: null } }] } });
  await db.userSession.create({ data: { id, userId, createdAt: now, expiresAt: new Date(now.getTime() + maxAgeSeconds * 1000) } });
  return id;
}

export async function revokeUserSession(db: Db, sessionId: string, now = new Date()): Promise<void> {
  await db.userSession.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: now } });
}

/** Ends every session of the user but `keep` (the one that asked); returns how many ended. */
export async function revokeOtherSessions(db: Db, userId: string, keep: string | null, now = new Date()): Promise<number> {
  const { count } = await db.userSession.updateMany({ where: { userId, revokedAt: null, ...(keep ? { id: { not: keep } } : {}) }, data: { revokedAt: now } });
  return count;
}

/** The session's user id when the session is live, else null. */
export async function liveSessionUserId(db: Db, sessionId: string, now = new Date()): Promise<string | null> {
  const session = await db.userSession.findUnique({ where: { id: sessionId }, select: { userId: true, expiresAt: true, revokedAt: true } });
  return session && !session.revokedAt && session.expiresAt > now ? session.userId : null;
}
