import "server-only";
import { cache } from "react";
import { auth } from "@/lib/auth/auth";
import type { SessionUser } from "@/lib/auth/access";
import { liveSessionUserId } from "@/lib/auth/user-sessions";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";

/**
 * The signed-in user, re-read from the database on every request: a session token outlives a role
 * change, a disabled account or a revoked session (sign-out elsewhere, a password change), and those
 * must take effect at once, not when the token expires. Cached per request, so a page and its
 * layout read it once.
 */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await auth();
  const id = session?.user?.id;
  const sessionId = session?.user?.sessionId;
  if (!id || !sessionId) return null;
  const db = getDb();
  if ((await liveSessionUserId(db, sessionId)) !== id) return null;
  const user = await db.user.findUnique({ where: { id }, select: { id: true, email: true, name: true, role: true, disabled: true, totpEnabledAt: true } });
  if (!user || user.disabled) return null;
  const twoFactor = user.totpEnabledAt !== null;
  return {
    id: user.id, email: user.email, name: user.name, role: user.role, sessionId, twoFactor,
    mustEnrolTwoFactor: user.role === "ADMIN" && !twoFactor && getEnv().adminTwoFactorRequired,
  };
});
