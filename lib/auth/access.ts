/**
 * Who may do what, as a pure decision every page, route handler and server action goes through.
 * FINANCE reads everything; ADMIN also changes things. Kept free of Next and Auth.js so it is
 * tested directly.
 */
export type Role = "ADMIN" | "FINANCE";
export type AccessLevel = "user" | "admin";

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}

export type AccessDecision =
  | { ok: true; user: SessionUser }
  | { ok: false; reason: "unauthenticated" | "forbidden" };

export function checkAccess(user: SessionUser | null, level: AccessLevel): AccessDecision {
  if (!user) return { ok: false, reason: "unauthenticated" };
  if (level === "admin" && user.role !== "ADMIN") return { ok: false, reason: "forbidden" };
  return { ok: true, user };
}

export const ACCESS_MESSAGES = {
  unauthenticated: "Your session has ended. Sign in again.",
  forbidden: "Only an admin can do this.",
} as const;
