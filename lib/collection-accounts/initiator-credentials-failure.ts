import type { Db } from "@/lib/db/client";

/**
 * Result codes that mean the API operator's credentials are wrong or locked. M-Pesa locks an
 * operator after a few wrong attempts in a row (8006), until a business administrator unlocks it
 * on the org portal, and the same operator sends reversals: so once M-Pesa has said so, nothing
 * more is sent with those same credentials.
 */
export const CREDENTIALS_FAILURE_CODES = ["2001", "8006", "18", "20", "SFC_IC0003"] as const;

/**
 * Why an account may not send with these credentials now (in words for the person asking), or
 * null: its newest credentials failure was with the same credentials (fingerprint). Saving the
 * operator again (another password or certificate) gives another fingerprint and lifts it.
 */
export async function blockingCredentialsFailure(db: Db, { collectionAccountId, fingerprint }: { collectionAccountId: string; fingerprint: string }): Promise<string | null> {
  const failed = await db.initiatorRequest.findFirst({
    // In a B2C result SFC_IC0003 is the customer's number not being on M-Pesa, not the operator.
    where: { collectionAccountId, state: "FAILED", resultCode: { in: [...CREDENTIALS_FAILURE_CODES] }, NOT: { operation: "b2c", resultCode: "SFC_IC0003" } },
    orderBy: { answeredAt: "desc" },
    select: { credentialFingerprint: true, resultCode: true, summary: true },
  });
  if (!failed || failed.credentialFingerprint !== fingerprint) return null;
  return `M-Pesa refused this account's initiator credentials (${failed.resultCode}); nothing more is sent with them, so M-Pesa does not lock the operator. An admin checks the operator on the org portal and saves the initiator again.`;
}
