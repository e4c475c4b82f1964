import { z } from "zod";
import type { Db } from "@/lib/db";
import { verifyPassword } from "@/lib/auth/password";
import { isSignInThrottled, recordSignInAttempt, type ThrottleSettings } from "@/lib/auth/sign-in-throttle";
import { createLogger } from "@/lib/logger";

const log = createLogger("auth");

export const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(320),
  password: z.string().min(1).max(200),
});

export type AuthResult =
  | { ok: true; user: { id: string; email: string; name: string; role: "ADMIN" | "FINANCE" } }
  | { ok: false; reason: "invalid" | "throttled" };

/** Checks credentials with throttling; every outcome is recorded for the throttle. */
export async function authenticateUser(db: Db, input: unknown, ip: string, throttle: ThrottleSettings): Promise<AuthResult> {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const { email, password } = parsed.data;
  if (await isSignInThrottled(db, email, ip, throttle)) {
    log.warn({ ip }, "sign-in throttled");
    return { ok: false, reason: "throttled" };
  }
  const user = await db.user.findUnique({ where: { email } });
  const valid = user ? await verifyPassword(user.passwordHash, password) : false;
  if (!user || !valid || user.disabled) {
    await recordSignInAttempt(db, email, ip, false);
    return { ok: false, reason: "invalid" };
  }
  await recordSignInAttempt(db, email, ip, true);
  await db.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, role: user.role } };
}
