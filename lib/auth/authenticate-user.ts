import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { markSignInSucceeded, releaseSignInAttempt, reserveSignInAttempt, type ThrottleSettings } from "@/lib/auth/sign-in-throttle";
import { createUserSession } from "@/lib/auth/user-sessions";
import { verifySecondFactor } from "@/lib/auth/verify-second-factor";
import { createLogger } from "@/lib/logger";

const log = createLogger("auth");

export const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(320),
  password: z.string().min(1).max(200),
  // The second step: a 6-digit code from the authenticator app, or a recovery code.
  code: z.string().trim().max(40).optional().transform((v) => v || undefined),
});

export type AuthFailure = "invalid" | "throttled" | "code_required" | "code_invalid";
export type AuthResult =
  | { ok: true; user: { id: string; email: string; name: string; role: "ADMIN" | "FINANCE" }; sessionId: string }
  | { ok: false; reason: AuthFailure };

export interface AuthenticateOptions {
  throttle: ThrottleSettings;
  /** DATA_SECRET, which TOTP secrets are encrypted under. */
  dataSecret: string;
  sessionMaxAgeSeconds: number;
  /** The password check; tests count its calls. */
  verify?: (hash: string, password: string) => Promise<boolean>;
  now?: Date;
}

let dummyHash: Promise<string> | undefined;
/** An argon2 hash nobody knows the password of: unknown accounts cost a check too. */
function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(24).toString("base64url"));
  return dummyHash;
}

/**
 * Checks a sign-in. The throttle's slot is taken first, so no attempt beyond the limit reaches the
 * password hash; an unknown or disabled account is checked against a dummy hash, so it answers in
 * the same time as a known one. An account with a second factor needs a code as well: without one
 * the answer is "code_required" (the slot is given back, the password was right); a wrong code
 * counts as a failure like a wrong password.
 */
export async function authenticateUser(db: Db, input: unknown, ip: string, options: AuthenticateOptions): Promise<AuthResult> {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const { email, password, code } = parsed.data;
  const now = options.now ?? new Date();
  const verify = options.verify ?? verifyPassword;
  const reservation = await reserveSignInAttempt(db, email, ip, options.throttle, now);
  if (!reservation.ok) {
    log.warn({ ip }, "sign-in throttled");
    return { ok: false, reason: "throttled" };
  }
  const user = await db.user.findUnique({ where: { email } });
  const valid = await verify(user?.passwordHash ?? (await dummyPasswordHash()), password);
  if (!user || !valid || user.disabled) return { ok: false, reason: "invalid" };
  if (user.totpEnabledAt) {
    if (!code) {
      await releaseSignInAttempt(db, reservation.attemptId);
      return { ok: false, reason: "code_required" };
    }
    if (!(await verifySecondFactor(db, user, code, { dataSecret: options.dataSecret, now }))) return { ok: false, reason: "code_invalid" };
  }
  await markSignInSucceeded(db, reservation.attemptId);
  await db.user.update({ where: { id: user.id }, data: { lastSignInAt: now } });
  const sessionId = await createUserSession(db, { userId: user.id, maxAgeSeconds: options.sessionMaxAgeSeconds, now });
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, role: user.role }, sessionId };
}
