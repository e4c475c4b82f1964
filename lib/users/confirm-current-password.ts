import type { Db } from "@/lib/db/client";
import { verifyPassword } from "@/lib/auth/password";
import { markSignInSucceeded, reserveSignInAttempt, type ThrottleSettings } from "@/lib/auth/sign-in-throttle";
import { AppError } from "@/lib/errors";

export interface ConfirmPasswordOptions {
  userId: string;
  password: string;
  ip: string | null;
  throttle: ThrottleSettings;
}

/**
 * Asks for the user's current password before a change to how they sign in. Counted by the
 * sign-in throttle like a sign-in, so a borrowed session cannot guess the password here either.
 */
export async function confirmCurrentPassword(db: Db, { userId, password, ip, throttle }: ConfirmPasswordOptions) {
  const user = await db.user.findUnique({ where: { id: userId } });
  if (!user) throw new AppError("not_found", "No such user.");
  const reservation = await reserveSignInAttempt(db, user.email, ip ?? "unknown", throttle);
  if (!reservation.ok) throw new AppError("rate_limited", "Too many wrong passwords. Wait a few minutes and try again.");
  if (!(await verifyPassword(user.passwordHash, password))) throw new AppError("validation_failed", "Your current password is not right.", { param: "currentPassword" });
  await markSignInSucceeded(db, reservation.attemptId);
  return user;
}
