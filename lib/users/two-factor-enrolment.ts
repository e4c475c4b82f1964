import type { Db } from "@/lib/db/client";
import { generateTotpSecret, matchTotpStep } from "@/lib/auth/totp";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { inTransaction } from "@/lib/db/in-transaction";
import { issueRecoveryCodes } from "@/lib/users/issue-recovery-codes";
import { decryptSecret, encryptSecret } from "@/lib/crypto/secret-box";

/**
 * Setting up a second factor, in two steps: a new secret is kept aside (pending) and shown once as
 * a QR code and a key to type; it replaces nothing until a code made from it is confirmed, which
 * proves the app holds it. Then it is in use, and ten recovery codes are made and shown once.
 */

export async function startTwoFactorEnrolment(db: Db, { userId, dataSecret }: { userId: string; dataSecret: string }): Promise<void> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { totpEnabledAt: true } });
  if (!user) throw new AppError("not_found", "No such user.");
  if (user.totpEnabledAt) throw new AppError("invalid_state", "Two-factor sign-in is already on.");
  await db.user.update({ where: { id: userId }, data: { totpPendingEncrypted: encryptSecret(generateTotpSecret(), dataSecret) } });
}

/** The pending secret, for the account page to show; null when no enrolment is under way. */
export async function pendingTotpSecret(db: Db, { userId, dataSecret }: { userId: string; dataSecret: string }): Promise<string | null> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { totpPendingEncrypted: true, totpEnabledAt: true } });
  return user?.totpPendingEncrypted && !user.totpEnabledAt ? decryptSecret(user.totpPendingEncrypted, dataSecret) : null;
}

export interface ConfirmTwoFactorOptions {
  user: AuditActor & { id: string };
  code: string;
  dataSecret: string;
  ip: string | null;
  now?: Date;
}

export async function confirmTwoFactor(db: Db, { user, code, dataSecret, ip, now = new Date() }: ConfirmTwoFactorOptions): Promise<{ recoveryCodes: string[] }> {
  const secret = await pendingTotpSecret(db, { userId: user.id, dataSecret });
  if (!secret) throw new AppError("invalid_state", "Start the set-up first: there is no key waiting for a code.");
  const step = matchTotpStep(secret, code, now);
  if (step === null) throw new AppError("validation_failed", "That code does not match. Check the app's clock and type the code it shows now.", { param: "code" });
  return inTransaction(db, async (tx) => {
    const enabled = await tx.user.updateMany({
      where: { id: user.id, totpEnabledAt: null },
      data: { totpSecretEncrypted: encryptSecret(secret, dataSecret), totpPendingEncrypted: null, totpEnabledAt: now, totpLastStep: step },
    });
    if (enabled.count !== 1) throw new AppError("invalid_state", "Two-factor sign-in is already on.");
    const recoveryCodes = await issueRecoveryCodes(tx, user.id);
    await recordAudit(tx, { actor: user, action: "user.two_factor_enable", entityType: "user", entityId: user.id, after: { twoFactor: true, recoveryCodes: recoveryCodes.length }, ip });
    return { recoveryCodes };
  });
}
