import type { Db } from "@/lib/db/client";
import type { ThrottleSettings } from "@/lib/auth/sign-in-throttle";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { inTransaction } from "@/lib/db/in-transaction";
import { confirmCurrentPassword } from "@/lib/users/confirm-current-password";
import { issueRecoveryCodes } from "@/lib/users/issue-recovery-codes";

export interface TwoFactorChangeOptions {
  user: AuditActor & { id: string; role: "ADMIN" | "FINANCE" };
  password: string;
  ip: string | null;
  throttle: ThrottleSettings;
}

/** Turns the second factor off (current password required). Refused for an admin where it is required. */
export async function disableTwoFactor(db: Db, options: TwoFactorChangeOptions & { adminTwoFactorRequired: boolean }): Promise<void> {
  const { user, ip } = options;
  if (user.role === "ADMIN" && options.adminTwoFactorRequired) throw new AppError("invalid_state", "Admins must sign in with a second factor here; it cannot be turned off.");
  await confirmCurrentPassword(db, { userId: user.id, password: options.password, ip, throttle: options.throttle });
  await inTransaction(db, async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { totpSecretEncrypted: null, totpPendingEncrypted: null, totpEnabledAt: null, totpLastStep: null } });
    await tx.recoveryCode.deleteMany({ where: { userId: user.id } });
    await recordAudit(tx, { actor: user, action: "user.two_factor_disable", entityType: "user", entityId: user.id, after: { twoFactor: false }, ip });
  });
}

/** New recovery codes (current password required); the old ones stop working. */
export async function replaceRecoveryCodes(db: Db, options: TwoFactorChangeOptions): Promise<{ recoveryCodes: string[] }> {
  const { user, ip } = options;
  const current = await confirmCurrentPassword(db, { userId: user.id, password: options.password, ip, throttle: options.throttle });
  if (!current.totpEnabledAt) throw new AppError("invalid_state", "Two-factor sign-in is off: there are no recovery codes to replace.");
  return inTransaction(db, async (tx) => {
    const recoveryCodes = await issueRecoveryCodes(tx, user.id);
    await recordAudit(tx, { actor: user, action: "user.recovery_codes_replace", entityType: "user", entityId: user.id, after: { recoveryCodes: recoveryCodes.length }, ip });
    return { recoveryCodes };
  });
}
