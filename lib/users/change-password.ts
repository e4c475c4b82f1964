import type { Db } from "@/lib/db/client";
import { hashPassword, passwordProblem } from "@/lib/auth/password";
import type { ThrottleSettings } from "@/lib/auth/sign-in-throttle";
import { revokeOtherSessions } from "@/lib/auth/user-sessions";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { inTransaction } from "@/lib/db/in-transaction";
import { confirmCurrentPassword } from "@/lib/users/confirm-current-password";

export interface ChangePasswordOptions {
  user: { id: string; email: string; sessionId?: string };
  currentPassword: string;
  newPassword: string;
  ip: string | null;
  throttle: ThrottleSettings;
  now?: Date;
}

/**
 * Any user changes their own password: the current one is required, the change is audited, and
 * every other session of the user ends (someone who had the old password may be signed in).
 */
export async function changePassword(db: Db, options: ChangePasswordOptions): Promise<{ sessionsEnded: number }> {
  const { user, ip, now = new Date() } = options;
  await confirmCurrentPassword(db, { userId: user.id, password: options.currentPassword, ip, throttle: options.throttle });
  const problem = passwordProblem(options.newPassword);
  if (problem) throw new AppError("validation_failed", `The new password ${problem}.`, { param: "newPassword" });
  if (options.newPassword === options.currentPassword) throw new AppError("validation_failed", "The new password must differ from the current one.", { param: "newPassword" });
  const passwordHash = await hashPassword(options.newPassword);
  return inTransaction(db, async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, passwordChangedAt: now } });
    const sessionsEnded = await revokeOtherSessions(tx, user.id, user.sessionId ?? null, now);
    // Never the password, not even its hash: only that it changed and what it ended.
    await recordAudit(tx, { actor: user, action: "user.password_change", entityType: "user", entityId: user.id, after: { otherSessionsEnded: sessionsEnded }, ip });
    return { sessionsEnded };
  });
}
