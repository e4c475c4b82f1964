import "server-only";
import { cache } from "react";
import { auth } from "@/lib/auth/auth";
import type { SessionUser } from "@/lib/auth/access";
import { getDb } from "@/lib/db";

/**
 * The signed-in user, re-read from the database on every request: a session token outlives a role
 * change or a disabled account, and those must take effect at once, not when the token expires.
 * Cached per request, so a page and its layout read it once.
 */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  const user = await getDb().user.findUnique({ where: { id }, select: { id: true, email: true, name: true, role: true, disabled: true } });
  if (!user || user.disabled) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
});
