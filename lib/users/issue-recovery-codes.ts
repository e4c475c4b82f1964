import type { Db } from "@/lib/db/client";
import { generateRecoveryCodes, hashRecoveryCode } from "@/lib/auth/recovery-codes";

/** Replaces the user's recovery codes with new ones and returns them: the only time they exist in clear. */
export async function issueRecoveryCodes(db: Db, userId: string): Promise<string[]> {
  const codes = generateRecoveryCodes();
  await db.recoveryCode.deleteMany({ where: { userId } });
  await db.recoveryCode.createMany({ data: codes.map((code) => ({ userId, codeHash: hashRecoveryCode(code) })) });
  return codes;
}
