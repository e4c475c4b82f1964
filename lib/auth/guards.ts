import "server-only";
import { redirect } from "next/navigation";
import { checkAccess, type AccessLevel, type SessionUser } from "@/lib/auth/access";
import { getCurrentUser } from "@/lib/auth/current-user";

/**
 * Page guards. Every dashboard page calls one first — not only the layout, because a layout is not
 * re-run for every navigation and must not be the only gate.
 */
export async function requireUser(returnTo = "/"): Promise<SessionUser> {
  return requireAccess("user", returnTo);
}

export async function requireAdmin(returnTo = "/"): Promise<SessionUser> {
  return requireAccess("admin", returnTo);
}

/** Anyone signed in: the frame of the dashboard and one's own account page. */
export async function requireSignedIn(returnTo = "/"): Promise<SessionUser> {
  return requireAccess("self", returnTo);
}

async function requireAccess(level: AccessLevel, returnTo: string): Promise<SessionUser> {
  const decision = checkAccess(await getCurrentUser(), level);
  if (decision.ok) return decision.user;
  if (decision.reason === "unauthenticated") redirect(`/login?callbackUrl=${encodeURIComponent(returnTo)}`);
  if (decision.reason === "two_factor_required") redirect("/account?setup=two-factor");
  redirect("/forbidden");
}
