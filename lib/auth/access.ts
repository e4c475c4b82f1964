/**
 * Who may do what, as a pure decision every page, route handler and server action goes through.
 * FINANCE reads everything; ADMIN also changes things. "self" is one's own account page, open to
 * anyone signed in, including an admin who must still set up the second factor: until then,
 * where that is required (ADMIN_TWO_FACTOR_REQUIRED), an admin may do nothing else. Kept free of
 * Next and Auth.js so it is tested directly.
 */
export type Role = "ADMIN" | "FINANCE";
export type AccessLevel = "self" | "user" | "admin";

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** The server-side session this request belongs to. */
  sessionId?: string;
  /** Signs in with a second factor. */
  twoFactor?: boolean;
  /** An admin who must enrol a second factor before anything but their account page. */
  mustEnrolTwoFactor?: boolean;
}

export type AccessDecision =
  | { ok: true; user: SessionUser }
  | { ok: false; reason: "unauthenticated" | "forbidden" | "two_factor_required" };

export function checkAccess(user: SessionUser | null, level: AccessLevel): AccessDecision {
  if (!user) return { ok: false, reason: "unauthenticated" };
  if (level === "self") return { ok: true, user };
  if (user.mustEnrolTwoFactor) return { ok: false, reason: "two_factor_required" };
  if (level === "admin" && user.role !== "ADMIN") return { ok: false, reason: "forbidden" };
  return { ok: true, user };
}

export const ACCESS_MESSAGES = {
  unauthenticated: "Your session has ended. Sign in again.",
  forbidden: "Only an admin can do this.",
  two_factor_required: "Set up two-factor sign-in on your account page first: admins need it here.",
} as const;
