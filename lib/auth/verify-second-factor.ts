import type { Db } from "@/lib/db/client";
import { hashRecoveryCode, looksLikeRecoveryCode } from "@/lib/auth/recovery-codes";
import { matchTotpStep } from "@/lib/auth/totp";
import { decryptSecret } from "@/lib/crypto/secret-box";

export interface SecondFactorUser {
  id: string;
  totpSecretEncrypted: string | null;
}

/**
 * Checks the second step of a sign-in: a code from the authenticator app, or a recovery code.
 * Each is good once, and the "once" is a conditional update, so two requests racing with one code
 * cannot both win: a TOTP code must be for a later step than the last one accepted, a recovery
 * code must still be unused.
 */
export async function verifySecondFactor(db: Db, user: SecondFactorUser, code: string, { dataSecret, now = new Date() }: { dataSecret: string; now?: Date }): Promise<boolean> {
  if (!user.totpSecretEncrypted) return false;
  if (looksLikeRecoveryCode(code)) {
    const used = await db.recoveryCode.updateMany({ where: { userId: user.id, codeHash: hashRecoveryCode(code), usedAt: null }, data: { usedAt: now } });
    return used.count === 1;
  }
  const step = matchTotpStep(decryptSecret(user.totpSecretEncrypted, dataSecret), code, now);
  if (step === null) return false;
  const accepted = await db.user.updateMany({
    where: { id: user.id, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },
    data: { totpLastStep: step },
  });
  return accepted.count === 1;
}
